package com.scheduleapi.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.BulkSchedules;
import com.scheduleapi.WebhookSink;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes share a burst (the victim with the default settings, the survivor holding one batch at
 * a time); one is killed outright (SIGKILL) mid-send. What it had handed to the sender but not yet
 * written back is sent again by the survivor, with the same key: this measures how many, against
 * the bound the design gives (calls in flight plus the outcomes being written, {@code max-in-flight
 * + workers × write-batch}), and how long the takeover took.
 *
 * <p>{@code ./mvnw -Preliability verify -Dit.test=NodeKillIT} (see RELIABILITY.md).
 */
class NodeKillIT {

  private static final int MAX_IN_FLIGHT = 64;
  private static final int WORKERS = 2;
  private static final int WRITE_BATCH = 1000;

  private final WebhookSink sink = WebhookSink.shared();
  private ReliabilityDatabase db;
  private Process victim;
  private ConfigurableApplicationContext survivor;

  @AfterEach
  void stop() throws Exception {
    sink.delay(Duration.ZERO);
    if (victim != null) {
      victim.destroyForcibly().waitFor();
    }
    if (survivor != null) {
      survivor.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest(name = "{0} messages")
  @ValueSource(ints = {3000, 30000})
  void repeatsAfterANodeIsKilledStayWithinWhatWasInFlight(int n) throws Exception {
    Assumptions.assumeTrue(ReliabilityDatabase.available(), "needs PostgreSQL 15's binaries");
    db = ReliabilityDatabase.create();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("kill-victim", ".log");
    victim = Nodes.process("victim", port, db.url(), log);
    // The survivor holds one batch at a time, so that it cannot claim the whole burst ahead and
    // leave the victim (default settings, what is measured) nothing to hold when it is killed.
    survivor = Nodes.inProcess("survivor", db.url(), "--schedule.dispatch.max-held=1000");
    int victimPort = port;
    await().atMost(Duration.ofSeconds(120)).until(() -> ready(victimPort));
    JdbcClient jdbc = JdbcClient.create(survivor.getBean(DataSource.class));
    sink.delay(Duration.ofMillis(40));
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
    // Phones of this run alone: the sink is shared by every test of the JVM, and a fresh
    // database numbers its schedules from 1 again.
    long firstPhone = 60_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    List<Long> ids =
        BulkSchedules.singlePhones(
            jdbc, BulkSchedules.team(jdbc, "kill"), due, firstPhone, n, "kill");
    Set<String> burst =
        LongStream.rangeClosed(firstPhone + 1, firstPhone + n)
            .mapToObj(Long::toString)
            .collect(Collectors.toSet());

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> fromVictim(burst) >= Math.min(1000, n / 10));
    victim.destroyForcibly().waitFor();
    Instant killed = Instant.now();
    long sentByVictim = fromVictim(burst);
    sink.delay(Duration.ZERO);
    await().atMost(Duration.ofSeconds(180)).until(() -> unsent(jdbc, ids) == 0);
    Duration allSent = Duration.between(killed, Instant.now());

    List<WebhookSink.Received> posted =
        sink.received().stream().filter(r -> burst.contains(phone(r))).toList();
    Map<String, List<WebhookSink.Received>> perSchedule =
        posted.stream().collect(Collectors.groupingBy(NodeKillIT::phone));
    long repeated = perSchedule.values().stream().filter(p -> p.size() > 1).count();
    int bound = MAX_IN_FLIGHT + WORKERS * WRITE_BATCH;
    System.out.printf(
        "RELIABILITY node-kill n=%d posted_by_victim=%d repeated=%d bound=%d"
            + " all_sent_after_kill_s=%.1f%n",
        n, sentByVictim, repeated, bound, allSent.toMillis() / 1000.0);
    assertThat(perSchedule).hasSize(n);
    assertThat(perSchedule.values())
        .allSatisfy(
            p ->
                assertThat(p.stream().map(WebhookSink.Received::idempotencyKey).distinct())
                    .hasSize(1));
    assertThat(perSchedule.values().stream().filter(p -> p.size() > 1))
        .allSatisfy(p -> assertThat(p.get(0).node()).isEqualTo("victim"));
    assertThat(repeated).isLessThanOrEqualTo(bound);
  }

  private long fromVictim(Set<String> burst) {
    return sink.received().stream()
        .filter(r -> "victim".equals(r.node()) && burst.contains(phone(r)))
        .count();
  }

  private static String phone(WebhookSink.Received received) {
    return received.recipients().get(0);
  }

  private static long unsent(JdbcClient jdbc, List<Long> ids) {
    return jdbc.sql("select count(*) from schedule where id = any(?) and status < 2")
        .param(ids.stream().mapToLong(Long::longValue).toArray())
        .query(Long.class)
        .single();
  }

  private static boolean ready(int port) {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (Exception notYet) {
      return false;
    }
  }
}
