package com.scheduleapi.bench;

import com.scheduleapi.BulkSchedules;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Scenario {@code events}: a burst of single-phone schedules due at one instant, for a team with a
 * webhook for {@code delivery.sent} on a local receiver. Timed from the due instant until the
 * receiver has every delivery.sent event (each webhook-id counted once); the sends' own time (to
 * the last schedule marked sent) is noted beside it, to compare with {@code burst}, which runs
 * without webhooks.
 */
final class EventsScenario {

  private final ServiceProcess service;
  private final JdbcClient jdbc;
  private final DataSource dataSource;

  EventsScenario(ServiceProcess service, DataSource db) {
    this.service = service;
    this.jdbc = JdbcClient.create(db);
    this.dataSource = db;
  }

  /** The events result, and the seconds the sends alone took. */
  record Outcome(BenchResult events, double sendSeconds) {}

  Outcome run(int n) {
    try (Receiver receiver = new Receiver(n)) {
      JsonNode team =
          service.call(
              "POST", "/admin/v1/teams", "{\"name\":\"bench-events\"}", ServiceProcess.ADMIN_TOKEN);
      String key = team.get("api_key").asString();
      long inbox =
          service
              .call("POST", "/v1/inboxes", "{\"name\":\"Bench\",\"phone\":\"14155550100\"}", key)
              .get("id")
              .asLong();
      service.call(
          "POST",
          "/v1/webhooks",
          "{\"url\":\"" + receiver.url() + "\",\"events\":[\"delivery.sent\"]}",
          key);
      // Loaded a day ahead, then set due once loading is over (see Loader).
      Loader loader = new Loader(dataSource);
      long firstPhone = 60_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
      Loader.Range range =
          loader.singles(
              new BulkSchedules.Team(team.get("id").asLong(), team.get("owner_id").asLong(), inbox),
              n,
              firstPhone,
              "events");
      Instant due = loader.dueAfterLoading(List.of(range));
      long[] ids = {range.first(), range.last()};
      ServiceScenarios.await(Duration.ofSeconds(180 + n / 500), () -> receiver.count() >= n);
      Instant sendsEnd =
          jdbc.sql("select max(updated_at) from schedule where id between ? and ?")
              .params(ids[0], ids[1])
              .query(Timestamp.class)
              .single()
              .toInstant();
      double seconds = Duration.between(due, receiver.last()).toNanos() / 1e9;
      return new Outcome(
          new BenchResult(
              "events",
              ServiceScenarios.SYSTEM,
              (long) n,
              seconds,
              n / seconds,
              null,
              null,
              null,
              service.peakRssMb(),
              0L),
          Duration.between(due, sendsEnd).toNanos() / 1e9);
    }
  }

  /** Counts distinct delivery.sent webhook-ids and notes when the n-th arrived. */
  private static final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final int n;
    private volatile Instant last;

    Receiver(int n) {
      this.n = n;
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"type\":\"delivery.sent\"")
                && seen.add(exchange.getRequestHeaders().getFirst("webhook-id"))
                && seen.size() >= this.n
                && last == null) {
              last = Instant.now();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.setExecutor(threads);
      server.start();
    }

    String url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events").toString();
    }

    int count() {
      return seen.size();
    }

    Instant last() {
      return last;
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
