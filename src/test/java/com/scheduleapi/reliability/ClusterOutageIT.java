package com.scheduleapi.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.scheduleapi.BulkSchedules;
import com.scheduleapi.WebhookSink;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes, a burst in flight, the database crashed ({@code pg_ctl -m immediate}) for 30 s or 60 s
 * and started again, several rounds each: every phone is posted exactly once. The outage outlasts
 * the lease, so every node's leases and check-ins are stale when the database comes back; only the
 * takeover rules keep a node from sending another's work a second time.
 *
 * <p>{@code ./mvnw -Preliability verify -Dreliability.rounds=5} (see RELIABILITY.md).
 */
class ClusterOutageIT {

  private static final int BURST = Integer.getInteger("reliability.burst", 3000);
  private static final int ROUNDS = Integer.getInteger("reliability.rounds", 5);

  private static final WebhookSink sink = WebhookSink.shared();
  private static ReliabilityDatabase db;
  private static ConfigurableApplicationContext nodeA;
  private static ConfigurableApplicationContext nodeB;
  private static JdbcClient jdbc;
  private static BulkSchedules.Team team;
  // Both nodes' log lines (they run in this JVM), for what an operator reads during the outage.
  private static final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  // Phones of this run alone: the sink is shared by every test of the JVM.
  private static long nextPhone =
      50_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L) * 10_000;

  @BeforeAll
  static void twoNodesOnTheirOwnDatabase() throws Exception {
    Assumptions.assumeTrue(ReliabilityDatabase.available(), "needs PostgreSQL 15's binaries");
    db = ReliabilityDatabase.create();
    nodeA = Nodes.inProcess("outage-a", db.url());
    nodeB = Nodes.inProcess("outage-b", db.url());
    jdbc = JdbcClient.create(nodeA.getBean(DataSource.class));
    team = BulkSchedules.team(jdbc, "outage");
    logged.start();
    root().addAppender(logged);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @AfterAll
  static void stop() throws Exception {
    sink.delay(Duration.ZERO);
    root().detachAppender(logged);
    for (ConfigurableApplicationContext node :
        new ConfigurableApplicationContext[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest(name = "database away {0} s")
  @ValueSource(ints = {30, 60})
  void nothingIsPostedTwiceAcrossADatabaseOutage(int outageSeconds) throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      synchronized (logged) { // AppenderBase.doAppend holds the appender's lock
        logged.list.clear();
      }
      sink.delay(Duration.ofMillis(100));
      Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
      long first = nextPhone;
      nextPhone += BURST;
      List<Long> ids = BulkSchedules.singlePhones(jdbc, team, due, first, BURST, "outage");
      Set<String> burst =
          LongStream.rangeClosed(first + 1, first + BURST)
              .mapToObj(Long::toString)
              .collect(Collectors.toSet());
      // Crash the database while the burst is being handed over.
      await().atMost(Duration.ofSeconds(60)).until(() -> received(burst).size() >= BURST / 10);
      int beforeCrash = received(burst).size();
      db.crash();
      Instant crashed = Instant.now();
      Thread.sleep(Duration.ofSeconds(outageSeconds).toMillis());
      sink.delay(Duration.ZERO);
      db.start();
      Instant back = Instant.now();
      await().atMost(Duration.ofSeconds(180)).until(() -> unsent(ids) == 0);
      Duration recovered = Duration.between(back, Instant.now());

      List<WebhookSink.Received> posted = received(burst);
      Map<String, Long> perSchedule =
          posted.stream()
              .collect(Collectors.groupingBy(r -> r.recipients().get(0), Collectors.counting()));
      long twice = perSchedule.values().stream().filter(n -> n > 1).count();
      System.out.printf(
          "RELIABILITY cluster-outage outage_s=%d round=%d n=%d posted_before_crash=%d"
              + " crash_after_due_ms=%d all_sent_after_restart_s=%.1f posted=%d posted_twice=%d%n",
          outageSeconds,
          round,
          BURST,
          beforeCrash,
          Duration.between(due, crashed).toMillis(),
          recovered.toMillis() / 1000.0,
          posted.size(),
          twice);
      List<ILoggingEvent> lines;
      synchronized (logged) {
        lines = List.copyOf(logged.list);
      }
      List<ILoggingEvent> warnings =
          lines.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
      System.out.printf(
          "RELIABILITY cluster-outage-log outage_s=%d round=%d lines=%d warn_or_above=%d"
              + " error=%d stack_traces=%d%n",
          outageSeconds,
          round,
          lines.size(),
          warnings.size(),
          warnings.stream().filter(e -> e.getLevel() == Level.ERROR).count(),
          warnings.stream().filter(e -> e.getThrowableProxy() != null).count());
      assertThat(perSchedule).as("round %d: every schedule posted", round).hasSize(BURST);
      assertThat(twice).as("round %d: phones posted twice", round).isZero();
      assertThat(warnings)
          .as("round %d: an ERROR or a stack trace above DEBUG in the outage's log", round)
          .noneMatch(e -> e.getLevel() == Level.ERROR || e.getThrowableProxy() != null);
    }
  }

  private static List<WebhookSink.Received> received(Set<String> burst) {
    return sink.received().stream().filter(r -> burst.contains(r.recipients().get(0))).toList();
  }

  private static long unsent(List<Long> ids) {
    try {
      return jdbc.sql("select count(*) from schedule where id = any(?) and status < 2")
          .param(ids.stream().mapToLong(Long::longValue).toArray())
          .query(Long.class)
          .single();
    } catch (RuntimeException databaseNotBackYet) {
      return -1;
    }
  }
}
