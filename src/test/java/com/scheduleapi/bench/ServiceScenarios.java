package com.scheduleapi.bench;

import com.scheduleapi.BulkSchedules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our service's scenarios: a burst of single-phone schedules due at one instant, a broadcast to one
 * list, and concurrent creates over HTTP. Due work is written straight into the service's tables
 * before its instant, so loading is not timed; the clock runs from the due instant until the
 * schedules are durably marked sent (their final {@code updated_at}).
 */
final class ServiceScenarios {

  static final String SYSTEM = "schedule-api";

  private final ServiceProcess service;
  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final JsonMapper json = JsonMapper.builder().build();

  ServiceScenarios(ServiceProcess service, DataSource db) {
    this.service = service;
    this.dataSource = db;
    this.jdbc = JdbcClient.create(db);
  }

  BenchResult burst(int n) {
    BulkSchedules.Team team = newTeam("burst");
    resetHandOffs();
    Loader loader = new Loader(dataSource);
    Loader.Range range = loader.singles(team, n, phones(30), "burst");
    Instant due = loader.dueAfterLoading(List.of(range));

    awaitSent(List.of(range), due, Duration.ofSeconds(120 + n / 1000), () -> true);
    return timed("burst", n, due, lastUpdate(range), handOffs(due, n, -1));
  }

  /**
   * Team A's {@code nA} singles and then team B's {@code nB}, all due at one instant: B's lateness
   * shows whether A's backlog holds B up; A's rate, what fairness costs the big inbox.
   */
  List<BenchResult> fairness(int nA, int nB) {
    BulkSchedules.Team a = newTeam("fairness-a");
    BulkSchedules.Team b = newTeam("fairness-b");
    resetHandOffs();
    Loader loader = new Loader(dataSource);
    Loader.Range rangeA = loader.singles(a, nA, phones(60), "team a");
    Loader.Range rangeB = loader.singles(b, nB, phones(70), "team b");
    Instant due = loader.dueAfterLoading(List.of(rangeA, rangeB));

    awaitSent(List.of(rangeA, rangeB), due, Duration.ofSeconds(120 + nA / 1000), () -> true);
    return List.of(
        timed("fairness", nA, due, lastUpdate(rangeA), handOffs(due, nA, a.inbox()))
            .labelled("team=a", null),
        timed("fairness", nB, due, lastUpdate(rangeB), handOffs(due, nB, b.inbox()))
            .labelled("team=b", null));
  }

  /**
   * {@code n} singles due at one instant through the real webhook or Twilio sender, over HTTP, to
   * the local provider sink; lateness is the sink's arrival time behind the due instant, errors are
   * messages lost (never received), doubled (received twice) or refused by the sink.
   */
  BenchResult send(String type, int n, ProviderSink sink) {
    URI url = type.equals("webhook") ? sink.webhookUrl() : sink.twilioBase();
    useSender(type, url);
    try {
      BulkSchedules.Team team = newTeam(type);
      resetHandOffs();
      sink.reset();
      Loader loader = new Loader(dataSource);
      Loader.Range range = loader.singles(team, n, phones(type.equals("webhook") ? 80 : 90), type);
      Instant due = loader.dueAfterLoading(List.of(range));

      // The sink's count first: the database is asked only once every message has arrived, so
      // the harness's polling does not take the database's time from the service being measured.
      awaitSent(List.of(range), due, Duration.ofSeconds(120 + n / 100), () -> sink.distinct() >= n);
      Instant end = lastUpdate(range);
      long[] late = sink.arrivals();
      for (int i = 0; i < late.length; i++) {
        late[i] -= due.toEpochMilli();
      }
      long errors = (n - sink.distinct()) + sink.doubled() + sink.rejected();
      BenchResult result = timed(type, n, due, end, Latency.of(late));
      return new BenchResult(
          type,
          SYSTEM,
          result.n(),
          result.seconds(),
          result.perSecond(),
          result.p50Ms(),
          result.p99Ms(),
          result.maxMs(),
          result.rssMb(),
          errors);
    } finally {
      useSender("noop", null);
    }
  }

  private void useSender(String type, URI url) {
    String query = "type=" + type + (url == null ? "" : "&url=" + url);
    service.send(
        HttpRequest.newBuilder(service.uri("/bench/sender?" + query))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Waits until every schedule of the ranges is sent (status 2), asking once {@code arrived}. */
  private void awaitSent(
      List<Loader.Range> ranges, Instant due, Duration atMost, BooleanSupplier arrived) {
    // Every half second: the cheap check walks the due index, on the database being measured;
    // the figures come from the rows' own times, not from when this notices.
    await(
        atMost,
        Duration.ofMillis(500),
        () ->
            // A cheap check first (it walks the due index), the exact counts last.
            arrived.getAsBoolean()
                && jdbc.sql(
                            "select exists (select 1 from schedule where dispatched_at is null and due_at = ?)")
                        .param(Timestamp.from(due))
                        .query(Boolean.class)
                        .single()
                    == Boolean.FALSE
                && ranges.stream()
                    .allMatch(
                        r ->
                            count(
                                    "select count(*) from schedule where status = 2 and id between ? and ?",
                                    r.first(),
                                    r.last())
                                == r.size()));
  }

  private Instant lastUpdate(Loader.Range range) {
    return jdbc.sql("select max(updated_at) from schedule where id between ? and ?")
        .params(range.first(), range.last())
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  private static long phones(int prefix) {
    return prefix * 1_000_000_000L + ThreadLocalRandom.current().nextLong(900_000_000L);
  }

  BenchResult broadcast(int n) {
    BulkSchedules.Team team = newTeam("broadcast");
    resetHandOffs();
    Loader loader = new Loader(dataSource);
    long firstPhone = 40_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    long schedule = loader.broadcast(team, n, "(" + firstPhone + " + g)::text", "broadcast");
    Instant due = loader.dueAfterLoading(List.of(new Loader.Range(schedule, schedule)));

    await(
        Duration.ofSeconds(120 + n / 1000),
        () -> count("select count(*) from schedule where id = ? and status = ?", schedule, 2) == 1);
    Instant end =
        jdbc.sql("select updated_at from schedule where id = ?")
            .param(schedule)
            .query(Timestamp.class)
            .single()
            .toInstant();
    long sent =
        count("select count(*) from delivery where schedule_id = ? and status = ?", schedule, 1);
    if (sent != n) {
      throw new IllegalStateException("broadcast delivered " + sent + " of " + n);
    }
    return timed("broadcast", n, due, end, handOffs(due, n, -1));
  }

  /**
   * A broadcast to {@code n} phones over four zones through an inbox whose send window is open in
   * two of them: the clock runs from the due instant until the last phone of the open zones is
   * sent; the others must be planned for the window's opening and not claimed meanwhile.
   */
  BenchResult broadcastWindowed(int n) {
    BulkSchedules.Team team = newTeam("broadcast-windowed");
    Loader loader = new Loader(dataSource);
    resetHandOffs();
    long schedule = loader.broadcast(team, n, WindowedBroadcast.phoneSql(), "windowed");
    // The window is read when the list is fanned out, which may come ahead of the due instant: it
    // is set once the instant is known, before the list is due.
    WindowedBroadcast.Window[] windows = new WindowedBroadcast.Window[1];
    Instant due =
        loader.dueAfterLoading(
            List.of(new Loader.Range(schedule, schedule)),
            at -> {
              windows[0] = WindowedBroadcast.at(at);
              jdbc.sql("update inbox set send_window = ? where id = ?")
                  .params(windows[0].stored(), team.inbox())
                  .update();
            });
    WindowedBroadcast.Window window = windows[0];
    long open = 0;
    for (int g = 0; g < n; g++) {
      open += window.opens(g % 4) ? 1 : 0;
    }
    long held = n - open;

    await(
        Duration.ofSeconds(120 + n / 1000),
        // Pending rows through their partial index: once only the held half is left, it is done.
        () ->
            count("select count(*) from delivery where schedule_id = ? and status = ?", schedule, 0)
                == held);
    // The last phone's send as the sender answered it: the schedule is not closed (half of it is
    // held), so there is no final update to time; the write of the last outcomes (at most a
    // write linger, 50 ms) is left out, which the plain broadcast's clock includes.
    Instant end =
        jdbc.sql("select max(sent_at) from delivery where schedule_id = ?")
            .param(schedule)
            .query(Timestamp.class)
            .single()
            .toInstant();
    long claimedHeld =
        count(
            "select count(*) from delivery where schedule_id = ? and status = 0 and attempts > ?",
            schedule,
            0);
    long sent =
        count("select count(*) from delivery where schedule_id = ? and status = ?", schedule, 1);
    if (sent != open || claimedHeld != 0) {
      throw new IllegalStateException(
          "broadcast-windowed: "
              + sent
              + " sent (expected "
              + open
              + "), "
              + claimedHeld
              + " held ones claimed");
    }
    return timed("broadcast-windowed", (int) open, due, end, handOffs(due, (int) open, -1));
  }

  /**
   * {@code clients} threads create single-phone schedules through {@code POST /v1/schedule} for
   * {@code duration}, after {@code warmUp} of the same that is not counted.
   */
  BenchResult create(int clients, Duration warmUp, Duration duration) {
    return create("/v1/schedule", SYSTEM, clients, warmUp, duration);
  }

  /**
   * As {@link #create(int, Duration, Duration)}, against {@code path}: our create, or one of its
   * peers in the same service ({@code /bench/ceiling}, {@code /bench/jpa}, see {@link
   * CreatePeerController}).
   */
  BenchResult create(String path, String system, int clients, Duration warmUp, Duration duration) {
    CreateTarget target = createTarget(path);
    if (!warmUp.isZero()) {
      target.run(clients, warmUp);
    }
    service.resetPeak();
    Load load = target.run(clients, duration);
    Latency latency = Latency.of(load.latenciesMicros());
    double seconds = load.nanos() / 1e9;
    return new BenchResult(
        "create",
        system,
        (long) latency.count(),
        seconds,
        latency.count() / seconds,
        Math.round(latency.p50() / 1000.0),
        Math.round(latency.p99() / 1000.0),
        Math.round(latency.max() / 1000.0),
        service.peakRssMb(),
        load.errors());
  }

  /**
   * Warms the JIT for the create scenario: each path in turn for {@code slice}, {@code rounds}
   * times, so that the stack the three share and each one's own code are compiled before any of
   * them is measured (the first measured would otherwise pay for the others' compilation). Answers
   * each slice's rate, in order, for the report.
   */
  List<String> warmUpCreates(List<String> paths, int clients, Duration slice, int rounds) {
    List<String> rates = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (String path : paths) {
        Load load = createTarget(path).run(clients, slice);
        rates.add(
            String.format(
                java.util.Locale.ROOT,
                "%s %.0f/s",
                path,
                load.latenciesMicros().length / (load.nanos() / 1e9)));
      }
    }
    return rates;
  }

  private CreateTarget createTarget(String path) {
    long inbox =
        json.readTree(
                service
                    .send(
                        HttpRequest.newBuilder(service.uri("/v1/inboxes"))
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"Bench\",\"phone\":\"14155550100\"}")))
                    .body())
            .get("id")
            .asLong();
    // A quarter hour a day ahead: valid under the default rules and never due during the run.
    String executeAt =
        Instant.ofEpochSecond((Instant.now().plus(Duration.ofDays(1)).getEpochSecond() / 900) * 900)
            .toString();
    String target = path.equals("/bench/jpa") ? path + owners(inbox) : path;
    return new CreateTarget(target, inbox, executeAt);
  }

  /** Where the create clients post, with the inbox and the instant they create for. */
  private final class CreateTarget {
    private final String path;
    private final long inbox;
    private final String executeAt;

    CreateTarget(String path, long inbox, String executeAt) {
      this.path = path;
      this.inbox = inbox;
      this.executeAt = executeAt;
    }

    Load run(int clients, Duration duration) {
      return runClients(path, clients, inbox, executeAt, duration);
    }
  }

  private String owners(long inbox) {
    long team =
        jdbc.sql("select team_id from inbox where id = ?").param(inbox).query(Long.class).single();
    long owner =
        jdbc.sql("select id from member where team_id = ? and owner")
            .param(team)
            .query(Long.class)
            .single();
    return "?team=" + team + "&user=" + owner;
  }

  private Load runClients(
      String path, int clients, long inbox, String executeAt, Duration duration) {
    String authorization = "Bearer " + ServiceProcess.API_KEY;
    AtomicLong errors = new AtomicLong();
    List<long[]> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    for (int c = 0; c < clients; c++) {
      long[][] samples = {new long[4096]};
      int[] size = {0};
      long phoneBase = 50_000_000_000L + c * 100_000_000L;
      Thread thread =
          new Thread(
              () -> {
                long k = 0;
                KeepAliveClient client = null;
                while (System.nanoTime() < deadline) {
                  String body =
                      "{\"inbox_id\":"
                          + inbox
                          + ",\"execute_at\":\""
                          + executeAt
                          + "\",\"phone_number\":\""
                          + (phoneBase + k++)
                          + "\",\"content\":{\"text\":\"bench create\"}}";
                  long t0 = System.nanoTime();
                  try {
                    if (client == null) {
                      client = new KeepAliveClient("localhost", service.port());
                    }
                    if (client.post(path, authorization, body) != 200) {
                      errors.incrementAndGet();
                    }
                    if (client.closing()) {
                      // Tomcat ends a keep-alive connection after 100 requests.
                      closeQuietly(client);
                      client = null;
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                    closeQuietly(client);
                    client = null;
                  }
                  long micros = (System.nanoTime() - t0) / 1000;
                  if (size[0] == samples[0].length) {
                    samples[0] = Arrays.copyOf(samples[0], size[0] * 2);
                  }
                  samples[0][size[0]++] = micros;
                }
                closeQuietly(client);
                synchronized (perClient) {
                  perClient.add(Arrays.copyOf(samples[0], size[0]));
                }
              },
              "bench-client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long nanos = System.nanoTime() - start;
    long[] all = perClient.stream().flatMapToLong(Arrays::stream).toArray();
    return new Load(all, nanos, errors.get());
  }

  private static void closeQuietly(KeepAliveClient client) {
    if (client != null) {
      try {
        client.close();
      } catch (IOException ignored) {
        // The connection is dropped either way.
      }
    }
  }

  private record Load(long[] latenciesMicros, long nanos, long errors) {}

  private BenchResult timed(String scenario, int n, Instant due, Instant end, Latency late) {
    double seconds = Duration.between(due, end).toNanos() / 1e9;
    return new BenchResult(
        scenario,
        SYSTEM,
        (long) n,
        seconds,
        n / seconds,
        late.p50(),
        late.p99(),
        late.max(),
        service.peakRssMb(),
        null);
  }

  private void resetHandOffs() {
    service.send(
        HttpRequest.newBuilder(service.uri("/bench/handoffs/reset"))
            .POST(HttpRequest.BodyPublishers.noBody()));
    service.resetPeak();
  }

  private Latency handOffs(Instant due, int n, long inbox) {
    JsonNode body =
        json.readTree(
            service
                .send(
                    HttpRequest.newBuilder(
                        service.uri(
                            "/bench/handoffs?due=" + due.toEpochMilli() + "&inbox=" + inbox)))
                .body());
    int count = body.get("count").asInt();
    if (count != n) {
      throw new IllegalStateException("the sender saw " + count + " hand-offs, expected " + n);
    }
    return new Latency(
        count, body.get("p50").asLong(), body.get("p99").asLong(), body.get("max").asLong());
  }

  private long count(String sql, long a, long b) {
    return jdbc.sql(sql).params(a, b).query(Long.class).single();
  }

  static void await(Duration atMost, BooleanSupplier done) {
    await(atMost, Duration.ofMillis(100), done);
  }

  /** As above, asking every {@code every}: less often where asking costs the database. */
  static void await(Duration atMost, Duration every, BooleanSupplier done) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not done within " + atMost);
      }
      ServiceProcess.sleep(every.toMillis());
    }
  }

  private BulkSchedules.Team newTeam(String name) {
    return BulkSchedules.team(jdbc, "bench-" + name);
  }
}
