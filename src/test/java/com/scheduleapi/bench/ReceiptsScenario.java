package com.scheduleapi.bench;

import com.scheduleapi.TwilioForms;
import com.scheduleapi.dispatch.DeliveryStatus;
import com.scheduleapi.schedule.ScheduleStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scenario {@code receipts}: n Twilio status callbacks ({@code delivered}), signed as Twilio signs
 * them, posted at the running service by 64 keep-alive clients at once, for messages sent before:
 * half singles settled on their schedule rows, half deliveries in the queue. Timed from the first
 * post to the last answer; {@code commits} is the database's own count of committed transactions
 * over the run ({@code pg_stat_database.xact_commit}), background included, to show the callbacks
 * are written in batches: far fewer commits than callbacks.
 */
final class ReceiptsScenario {

  /** The auth token the service checks Twilio's signature with (given to it at start). */
  static final String AUTH_TOKEN = "bench-twilio-auth-token";

  private static final String PATH = "/v1/inbound/twilio/status";
  private static final int CLIENTS = 64;

  private final ServiceProcess service;
  private final JdbcClient jdbc;

  ReceiptsScenario(ServiceProcess service, DataSource db) {
    this.service = service;
    this.jdbc = JdbcClient.create(db);
  }

  BenchResult run(int n) {
    List<String> sids = sentMessages(n);
    String url = "http://127.0.0.1:" + service.port() + PATH;
    List<String[]> callbacks = new ArrayList<>(n);
    for (String sid : sids) {
      Map<String, String> fields = fields(sid);
      callbacks.add(new String[] {form(fields), sign(url, fields)});
    }
    // The background rate costs a second of waiting: measured in real runs, not in the smoke test.
    long idle = n >= 10_000 ? commits() : -1;
    long commitsBefore = commits();
    String background = idle < 0 ? "" : " idle_commits_per_s=" + (commitsBefore - idle);
    long[] millis = new long[n];
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        done.add(clients.submit(() -> post(callbacks, next, millis, errors)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      clients.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long commits = commits() - commitsBefore;
    long moved = delivered(sids);
    Latency latency = Latency.of(millis);
    return new BenchResult(
            "receipts",
            ServiceScenarios.SYSTEM,
            (long) n,
            seconds,
            n / seconds,
            latency.p50(),
            latency.p99(),
            latency.max(),
            service.peakRssMb(),
            errors.get() + (n - moved))
        .labelled(null, "commits=" + commits + background);
  }

  private void post(
      List<String[]> callbacks, AtomicInteger next, long[] millis, AtomicLong errors) {
    KeepAliveClient client = null;
    try {
      for (int i = next.getAndIncrement(); i < callbacks.size(); i = next.getAndIncrement()) {
        if (client == null) {
          client = new KeepAliveClient("127.0.0.1", service.port());
        }
        long t0 = System.nanoTime();
        int status =
            client.post(
                PATH,
                "X-Twilio-Signature",
                callbacks.get(i)[1],
                "application/x-www-form-urlencoded",
                callbacks.get(i)[0]);
        millis[i] = (System.nanoTime() - t0) / 1_000_000;
        if (status != 200) {
          errors.incrementAndGet();
        }
        if (client.closing()) {
          // Tomcat ends a keep-alive connection after 100 requests.
          client.close();
          client = null;
        }
      }
      if (client != null) {
        client.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes n messages as sent, as the dispatcher leaves them: the first half singles on their
   * schedule rows, the second half deliveries of one schedule in the queue. Answers their sids.
   */
  private List<String> sentMessages(int n) {
    long teamId =
        jdbc.sql("insert into team (name) values ('bench-receipts') returning id")
            .query(Long.class)
            .single();
    long owner =
        jdbc.sql(
                """
                insert into member (team_id, name, email, owner)
                values (?, 'Owner', 'owner@example.org', true) returning id
                """)
            .params(teamId)
            .query(Long.class)
            .single();
    long inbox =
        jdbc.sql(
                """
                insert into inbox (team_id, name, phone) values (?, 'Bench', '14155550100')
                returning id
                """)
            .params(teamId)
            .query(Long.class)
            .single();
    String prefix = "SM" + Long.toHexString(System.nanoTime());
    int singles = n / 2;
    jdbc.sql(
            """
            insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at, due_at,
                                  execute_offset, content, phone_number, status, dispatched_at,
                                  recipients, sent, attempts, sent_at, provider_message_id,
                                  delivery_id)
            select :team, :inbox, :owner, 'bench', now(), now(), 0, '{"text":"receipts"}',
                   (16000000000 + g)::text, :sent, now(), 1, 1, 1, now(), :prefix || g,
                   nextval('delivery_id_seq')
            from generate_series(1, :n) g
            """)
        .param("team", teamId)
        .param("inbox", inbox)
        .param("owner", owner)
        .param("sent", ScheduleStatus.SENT.code())
        .param("prefix", prefix)
        .param("n", singles)
        .update();
    long list =
        jdbc.sql(
                """
                insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at, due_at,
                                      execute_offset, content, status, dispatched_at)
                values (:team, :inbox, :owner, 'bench', now(), now(), 0, '{"text":"receipts"}',
                        :sending, now())
                returning id
                """)
            .param("team", teamId)
            .param("inbox", inbox)
            .param("owner", owner)
            .param("sending", ScheduleStatus.SENDING.code())
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            insert into delivery (schedule_id, recipient, idempotency_key, status, attempts,
                                  sent_at, provider_message_id, due_at)
            select :list, (17000000000 + g)::text, gen_random_uuid(), :sent, 1, now(),
                   :prefix || g, now()
            from generate_series(:from, :to) g
            """)
        .param("list", list)
        .param("sent", DeliveryStatus.SENT.code())
        .param("prefix", prefix)
        .param("from", singles + 1)
        .param("to", n)
        .update();
    jdbc.sql("analyze schedule").update();
    jdbc.sql("analyze delivery").update();
    List<String> sids = new ArrayList<>(n);
    for (int g = 1; g <= n; g++) {
      sids.add(prefix + g);
    }
    return sids;
  }

  /** How many of these messages have their receipt now. */
  private long delivered(List<String> sids) {
    String[] ids = sids.toArray(String[]::new);
    long singles =
        jdbc.sql("select count(*) from schedule where provider_message_id = any(?) and delivered")
            .params((Object) ids)
            .query(Long.class)
            .single();
    long queued =
        jdbc.sql("select count(*) from delivery where provider_message_id = any(?) and status = ?")
            .params((Object) ids, DeliveryStatus.DELIVERED.code())
            .query(Long.class)
            .single();
    return singles + queued;
  }

  /**
   * Committed transactions of the database so far, a little over a second after the call: the
   * statistics reach the view within a second. Two calls in a row give the background rate.
   */
  private long commits() {
    try {
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return jdbc.sql("select xact_commit from pg_stat_database where datname = current_database()")
        .query(Long.class)
        .single();
  }

  /** The fields of Twilio's status callback for a delivered outbound message. */
  private static Map<String, String> fields(String sid) {
    Map<String, String> fields = new TreeMap<>();
    fields.put("AccountSid", "AC00000000000000000000000000000000");
    fields.put("ApiVersion", "2010-04-01");
    fields.put("From", "+14155550100");
    fields.put("MessageSid", sid);
    fields.put("MessageStatus", "delivered");
    fields.put("SmsSid", sid);
    fields.put("SmsStatus", "delivered");
    fields.put("To", "+16000000001");
    return fields;
  }

  private static String form(Map<String, String> fields) {
    return TwilioForms.form(fields);
  }

  private static String sign(String url, Map<String, String> fields) {
    return TwilioForms.sign(AUTH_TOKEN, url, fields);
  }
}
