package com.scheduleapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for an SMS provider's webhook: records every POST and answers as a
 * test tells it to (by recipient phone), 200 {"id"} otherwise.
 */
public final class WebhookSink {

  private static WebhookSink shared;

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(64);
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile Duration delay = Duration.ZERO;
  private volatile int outage;
  private volatile int retryAfterSeconds;

  private WebhookSink() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /**
   * A sink of its own, for a test whose nodes run on a database of their own: their schedule ids
   * would repeat the shared database's in the shared sink, where other tests look for theirs. Close
   * it when done.
   */
  public static WebhookSink ofItsOwn() {
    return new WebhookSink();
  }

  /** Stops a sink of its own. */
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  /** The one sink of this test JVM. */
  public static synchronized WebhookSink shared() {
    if (shared == null) {
      shared = new WebhookSink();
    }
    return shared;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** Requests whose recipients include {@code phone}. */
  public List<Received> receivedFor(String phone) {
    return received.stream().filter(r -> r.recipients().contains(phone)).toList();
  }

  /** Answers the next requests for {@code phone} with these statuses, then 200. */
  public void script(String phone, Integer... statuses) {
    scripted.put(phone, new ArrayDeque<>(List.of(statuses)));
  }

  /** Sends {@code Retry-After: seconds} with every 429 (0: none). */
  public void retryAfter(int seconds) {
    this.retryAfterSeconds = seconds;
  }

  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** Answers every request with {@code status} (a provider outage) until {@link #recover()}. */
  public void outage(int status) {
    this.outage = status;
  }

  public void recover() {
    this.outage = 0;
  }

  private void handle(HttpExchange exchange) throws IOException {
    Instant at = Instant.now();
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode body = json.readTree(new String(bytes, StandardCharsets.UTF_8));
    Received r = new Received(body, exchange.getRequestHeaders().getFirst("X-Schedule-Node"), at);
    received.add(r);
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int down = outage;
    int status = down == 0 ? 200 : down;
    for (String phone : down == 0 ? r.recipients() : List.<String>of()) {
      Deque<Integer> script = scripted.get(phone);
      if (script != null) {
        Integer next;
        synchronized (script) {
          next = script.poll();
        }
        if (next != null) {
          status = next;
        }
      }
    }
    byte[] answer =
        (status == 200 ? "{\"id\":\"msg-" + ids.incrementAndGet() + "\"}" : "{\"error\":\"nope\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (status == 429 && retryAfterSeconds > 0) {
      exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
    }
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  /** One POST as the sink saw it. */
  public record Received(JsonNode body, String node, Instant at) {

    public List<String> recipients() {
      JsonNode to = body.get("to");
      List<String> phones = new ArrayList<>();
      if (to.isArray()) {
        to.forEach(p -> phones.add(p.asString()));
      } else {
        phones.add(to.asString());
      }
      return phones;
    }

    public long scheduleId() {
      return body.get("schedule_id").asLong();
    }

    public String idempotencyKey() {
      return body.get("idempotency_key").asString();
    }
  }
}
