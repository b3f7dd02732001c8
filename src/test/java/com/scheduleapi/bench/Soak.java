package com.scheduleapi.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The soak: steady, rate-limited mixed traffic against the service in its own JVM for a set time,
 * with rules short enough that what is created comes due and is dispatched during the run. Each
 * client thread works on its own schedules only, so a 404 is always an error; a 409 on a PUT or
 * DELETE means the dispatcher claimed the schedule first and is counted as a conflict, not an
 * error. At the end it waits until every schedule that was created and not deleted is sent, and
 * checks that each was sent exactly once (one sent delivery each, one sender hand-off each).
 */
final class Soak {

  /** What to run. */
  record Settings(
      Duration duration,
      Duration warmUp,
      int clients,
      int ratePerSecond,
      String serviceJvmOptions) {}

  /** What came of it. */
  record Result(
      BenchResult line,
      long conflicts,
      long sent,
      long duplicates,
      long rssAfterWarmUpMb,
      long rssEndMb,
      List<String> notes) {}

  private static final String[] OPS = {"create", "get", "put", "delete", "list"};
  private static final int CREATE = 0;
  private static final int GET = 1;
  private static final int PUT = 2;
  private static final int DELETE = 3;
  private static final int LIST = 4;

  private final Settings settings;
  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicLongArray done = new AtomicLongArray(OPS.length);
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final List<String> firstErrors = new ArrayList<>();
  private final List<Long> conflictLeads = new ArrayList<>(); // seconds still to its due, at a 409

  Soak(Settings settings) {
    this.settings = settings;
  }

  Result run() {
    List<String> notes = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.start();
        HikariDataSource admin = (HikariDataSource) db.pool(2);
        ServiceProcess service =
            ServiceProcess.start(
                db,
                settings.serviceJvmOptions(),
                // The rate limit is already off (ServiceProcess); naming it twice would bind "0,0".
                List.of("--schedule.rules.min-lead=PT2S", "--schedule.rules.granularity=PT1S"))) {
      JdbcClient jdbc = JdbcClient.create(admin);
      notes.add(
          "soak setup: database "
              + db.kind()
              + ", service JVM "
              + settings.serviceJvmOptions()
              + " pid "
              + service.pid()
              + " log "
              + service.log()
              + ", rules min-lead PT2S granularity PT1S, rate limit off, bench no-op sender; "
              + settings.clients()
              + " clients at "
              + settings.ratePerSecond()
              + " req/s in all; mix 40% create (due 5-60 s ahead), 30% GET, 15% PUT, 10% DELETE,"
              + " 5% list (limit=50)");
      long inbox =
          json.readTree(
                  service
                      .send(
                          HttpRequest.newBuilder(service.uri("/v1/inboxes"))
                              .header("Content-Type", "application/json")
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      "{\"name\":\"Soak\",\"phone\":\"14155550100\"}")))
                      .body())
              .get("id")
              .asLong();
      long team =
          jdbc.sql("select team_id from inbox where id = ?")
              .param(inbox)
              .query(Long.class)
              .single();

      List<long[]> rss = new ArrayList<>(); // {elapsed seconds, MiB}
      long start = System.nanoTime();
      long deadline = start + settings.duration().toNanos();
      Thread sampler =
          new Thread(
              () -> {
                long next = start;
                while (System.nanoTime() < deadline) {
                  synchronized (rss) {
                    rss.add(
                        new long[] {(System.nanoTime() - start) / 1_000_000_000L, service.rssMb()});
                  }
                  next += 10_000_000_000L;
                  if (next >= deadline) {
                    break;
                  }
                  sleepUntil(next);
                }
              },
              "soak-rss");
      sampler.setDaemon(true);
      sampler.start();

      List<long[]> perClient = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      long interval = settings.clients() * 1_000_000_000L / settings.ratePerSecond();
      for (int c = 0; c < settings.clients(); c++) {
        int client = c;
        Thread thread =
            new Thread(
                () -> {
                  long[] latencies =
                      drive(
                          service,
                          inbox,
                          client,
                          start + client * interval / settings.clients(),
                          interval,
                          deadline);
                  synchronized (perClient) {
                    perClient.add(latencies);
                  }
                },
                "soak-client-" + c);
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        join(thread);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long rssEnd = service.rssMb();
      join(sampler);

      // Everything created and not deleted must be sent, each exactly once.
      long expected = created.get() - deleted.get();
      long inTable =
          jdbc.sql("select count(*) from schedule where team_id = ?")
              .param(team)
              .query(Long.class)
              .single();
      if (inTable != expected) {
        throw new IllegalStateException(
            "created " + created + " and deleted " + deleted + " but " + inTable + " remain");
      }
      long drainStart = System.nanoTime();
      ServiceScenarios.await(
          Duration.ofSeconds(180),
          () ->
              jdbc.sql("select count(*) from schedule where team_id = ? and status <> 2")
                      .param(team)
                      .query(Long.class)
                      .single()
                  == 0);
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      long sent =
          jdbc.sql("select count(*) from schedule where team_id = ? and status = 2")
              .param(team)
              .query(Long.class)
              .single();
      long sentDeliveries =
          jdbc.sql("select coalesce(sum(sent), 0) from schedule where team_id = ?")
              .param(team)
              .query(Long.class)
              .single();
      long twiceSent =
          jdbc.sql(
                  "select count(*) from (select d.schedule_id from delivery d join schedule s on"
                      + " s.id = d.schedule_id where s.team_id = ? and d.status = 1"
                      + " group by d.schedule_id having count(*) > 1) x")
              .param(team)
              .query(Long.class)
              .single();
      long handOffs =
          json.readTree(
                  service.send(HttpRequest.newBuilder(service.uri("/bench/handoffs?due=0"))).body())
              .get("count")
              .asLong();
      long duplicates =
          twiceSent + Math.max(0, handOffs - sent) + Math.max(0, sentDeliveries - sent);
      if (sent != expected || sentDeliveries < sent || handOffs < sent) {
        throw new IllegalStateException(
            "expected "
                + expected
                + " sent; schedules sent "
                + sent
                + ", sent deliveries "
                + sentDeliveries
                + ", hand-offs "
                + handOffs);
      }
      List<Double> lateness =
          jdbc.sql(
                  """
                  select percentile_cont(0.5) within group (order by x), percentile_cont(0.99)
                  within group (order by x), max(x) from (
                    select extract(epoch from coalesce(d.sent_at, s.sent_at) - s.execute_at) * 1000 x
                    from schedule s left join delivery d on d.schedule_id = s.id and d.status = 1
                    where s.team_id = ? and s.status = 2) l
                  """)
              .param(team)
              .query((rs, i) -> List.of(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)))
              .single();

      long warmUpSec = settings.warmUp().toSeconds();
      long rssAfterWarmUp;
      long rssMax;
      String series;
      synchronized (rss) {
        rssAfterWarmUp =
            rss.stream()
                .filter(s -> s[0] >= warmUpSec)
                .mapToLong(s -> s[1])
                .findFirst()
                .orElse(rssEnd);
        rssMax = Math.max(rssEnd, rss.stream().mapToLong(s -> s[1]).max().orElse(0));
        StringBuilder b = new StringBuilder();
        for (long[] s : rss) {
          b.append(b.isEmpty() ? "" : " ").append(s[0]).append("s:").append(s[1]);
        }
        series = b.toString();
      }

      long[] all = perClient.stream().flatMapToLong(Arrays::stream).toArray();
      Latency latency = Latency.of(all);
      BenchResult line =
          new BenchResult(
              "soak",
              ServiceScenarios.SYSTEM,
              (long) latency.count(),
              seconds,
              latency.count() / seconds,
              Math.round(latency.p50() / 1000.0),
              Math.round(latency.p99() / 1000.0),
              Math.round(latency.max() / 1000.0),
              rssMax,
              errors.get());
      StringBuilder mix = new StringBuilder("soak requests by kind:");
      for (int i = 0; i < OPS.length; i++) {
        mix.append(' ').append(OPS[i]).append('=').append(done.get(i));
      }
      notes.add(
          mix.append("; schedules created ")
              .append(created)
              .append(", deleted ")
              .append(deleted)
              .toString());
      notes.add(
          String.format(
              Locale.ROOT,
              "soak dispatch: all %d sent %.1f s after the traffic stopped; lateness (delivery"
                  + " sent_at - execute_at) p50 %.0f ms, p99 %.0f ms, max %.0f ms; sent deliveries"
                  + " %d, sender hand-offs %d",
              sent,
              drainSeconds,
              lateness.get(0),
              lateness.get(1),
              lateness.get(2),
              sentDeliveries,
              handOffs));
      synchronized (conflictLeads) {
        long[] leads = conflictLeads.stream().mapToLong(Long::longValue).toArray();
        Latency lead = Latency.of(leads);
        notes.add(
            "soak conflicts (409 on PUT/DELETE, claimed by the dispatcher): "
                + lead.count()
                + ", seconds from the 409 to the schedule's instant p50 "
                + lead.p50()
                + ", p99 "
                + lead.p99()
                + ", max "
                + lead.max());
      }
      notes.add("soak rss MiB every 10 s: " + series + ", end:" + rssEnd);
      synchronized (firstErrors) {
        firstErrors.forEach(e -> notes.add("soak error: " + e));
      }
      notes.add(
          "soak: rss after warm-up "
              + rssAfterWarmUp
              + " MB, at end "
              + rssEnd
              + " MB, conflicts "
              + conflicts
              + ", sent "
              + sent
              + ", duplicates "
              + duplicates);
      return new Result(line, conflicts.get(), sent, duplicates, rssAfterWarmUp, rssEnd, notes);
    }
  }

  /** One client: a request every {@code interval} from {@code first}, on its own schedules. */
  private long[] drive(
      ServiceProcess service, long inbox, int client, long first, long interval, long deadline) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<long[]> mine = new ArrayList<>(); // {id, due epoch second}, not deleted
    long[] latencies = new long[4096];
    int size = 0;
    long phone = 60_000_000_000L + client * 100_000_000L;
    long next = first;
    while (next < deadline) {
      sleepUntil(next);
      next += interval;
      int roll = random.nextInt(100);
      int op = roll < 40 ? CREATE : roll < 70 ? GET : roll < 85 ? PUT : roll < 95 ? DELETE : LIST;
      long nowSec = Instant.now().getEpochSecond();
      long[] target = null;
      if (op == GET && !mine.isEmpty()) {
        target = mine.get(random.nextInt(mine.size()));
      } else if (op == PUT || op == DELETE) {
        // A still-scheduled one as far as this client knows; the dispatcher may still win.
        for (int tries = 0; tries < 8 && target == null && !mine.isEmpty(); tries++) {
          long[] candidate = mine.get(random.nextInt(mine.size()));
          if (candidate[1] >= nowSec) {
            target = candidate;
          }
        }
      }
      if (op != CREATE && op != LIST && target == null) {
        op = CREATE;
      }
      HttpRequest.Builder request;
      long newDue = nowSec + 5 + random.nextLong(56);
      String body =
          "{\"inbox_id\":"
              + inbox
              + ",\"execute_at\":\""
              + Instant.ofEpochSecond(newDue)
              + "\",\"phone_number\":\""
              + (phone++)
              + "\",\"content\":{\"text\":\"soak\"}}";
      switch (op) {
        case CREATE ->
            request =
                HttpRequest.newBuilder(service.uri("/v1/schedule"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        case GET -> request = HttpRequest.newBuilder(service.uri("/v1/schedule/" + target[0]));
        case PUT ->
            request =
                HttpRequest.newBuilder(service.uri("/v1/schedule/" + target[0]))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body));
        case DELETE ->
            request = HttpRequest.newBuilder(service.uri("/v1/schedule/" + target[0])).DELETE();
        default -> request = HttpRequest.newBuilder(service.uri("/v1/schedules?limit=50"));
      }
      long t0 = System.nanoTime();
      int status = -1;
      String answer = null;
      String failure = null;
      try {
        HttpResponse<String> response =
            http.send(
                request
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + ServiceProcess.API_KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        answer = response.body();
      } catch (Exception e) {
        failure = e.toString();
      }
      long micros = (System.nanoTime() - t0) / 1000;
      if (size == latencies.length) {
        latencies = Arrays.copyOf(latencies, size * 2);
      }
      latencies[size++] = micros;
      done.incrementAndGet(op);
      if (status == 200) {
        switch (op) {
          case CREATE -> {
            created.incrementAndGet();
            mine.add(new long[] {json.readTree(answer).get("id").asLong(), newDue});
          }
          case PUT -> target[1] = newDue;
          case DELETE -> {
            deleted.incrementAndGet();
            mine.remove(target);
          }
          default -> {}
        }
      } else if (status == 409 && (op == PUT || op == DELETE)) {
        conflicts.incrementAndGet();
        synchronized (conflictLeads) {
          conflictLeads.add(target[1] - nowSec);
        }
        target[1] = Long.MIN_VALUE; // claimed: no longer a candidate to change
      } else {
        errors.incrementAndGet();
        synchronized (firstErrors) {
          if (firstErrors.size() < 10) {
            firstErrors.add(
                OPS[op] + " " + (failure != null ? failure : status + " " + abbreviate(answer)));
          }
        }
      }
      if (mine.size() > 4000) {
        mine.subList(0, 1000).clear(); // the oldest, long sent; keeps GETs on recent ones
      }
    }
    return Arrays.copyOf(latencies, size);
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  private static void sleepUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      ServiceProcess.sleep((wait + 999_999) / 1_000_000);
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
