package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.BulkSchedules;
import com.scheduleapi.ScheduleApiApplication;
import com.scheduleapi.TestDatabase;
import com.scheduleapi.WebhookSink;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Faults around sending, on one node of the shared database: a node started after a long outage
 * sends what fell due meanwhile at once (late, and its metrics say how late); a provider that
 * answers 503 for a while gets the same deliveries again, backing off, until all are sent.
 */
class DispatchFaultsTest {

  private static final int OVERDUE = 200;
  private static final Duration OVERDUE_BY = Duration.ofHours(2);

  private static final WebhookSink sink = WebhookSink.shared();
  private static List<Long> overdue;
  private static Instant nodeStarted;
  private static Instant nodeReady;
  private static ConfigurableApplicationContext node;

  /** Schedules fall due while no node runs; then a node starts. */
  @BeforeAll
  static void overdueSchedulesThenANode() {
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            TestDatabase.url(), TestDatabase.username(), TestDatabase.password());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    overdue = insertOverdue(JdbcClient.create(dataSource));
    nodeStarted = Instant.now();
    List<String> arguments = ClusterNodes.arguments("late-node", 0);
    arguments.add("--schedule.dispatch.retry-initial=PT0.5S");
    arguments.add("--schedule.dispatch.retry-max=PT2S");
    node =
        new SpringApplicationBuilder(ScheduleApiApplication.class)
            .run(arguments.toArray(String[]::new));
    nodeReady = Instant.now();
    // Sent before any test runs, so that no test's provider outage meets them.
    JdbcClient jdbc = ClusterNodes.jdbc(node);
    await().atMost(Duration.ofSeconds(30)).until(() -> unsent(jdbc, overdue) == 0);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void providerBack() {
    sink.recover();
  }

  @Test
  void sendsWhatFellDueDuringAnOutageAtOnceAndReportsItsLateness() {
    JdbcClient jdbc = ClusterNodes.jdbc(node);
    Instant allSent =
        jdbc.sql(
                "select max(coalesce(d.sent_at, s.sent_at)) from schedule s"
                    + " left join delivery d on d.schedule_id = s.id where s.id = any(?)")
            .param(overdue.stream().mapToLong(Long::longValue).toArray())
            .query(java.sql.Timestamp.class)
            .single()
            .toInstant();

    Map<Long, Long> handedOver =
        sink.received().stream()
            .filter(r -> overdue.contains(r.scheduleId()) && "late-node".equals(r.node()))
            .collect(
                Collectors.groupingBy(WebhookSink.Received::scheduleId, Collectors.counting()));
    assertThat(handedOver).hasSize(OVERDUE);
    assertThat(handedOver.values()).allMatch(n -> n == 1);
    assertThat(
            jdbc.sql("select count(*) from schedule where id = any(?) and status = 2")
                .param(overdue.stream().mapToLong(Long::longValue).toArray())
                .query(Long.class)
                .single())
        .isEqualTo(OVERDUE);

    String metrics =
        new ApiClient(node.getEnvironment())
            .send(
                "GET",
                "/actuator/prometheus",
                null,
                Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN))
            .raw();
    double count = metric(metrics, "schedule_dispatch_lateness_seconds_count");
    double sum = metric(metrics, "schedule_dispatch_lateness_seconds_sum");
    double max = metric(metrics, "schedule_dispatch_lateness_seconds_max");
    double late = OVERDUE_BY.minusMinutes(1).toSeconds();
    assertThat(count).isGreaterThanOrEqualTo(OVERDUE);
    assertThat(max).isGreaterThanOrEqualTo(late);
    assertThat(sum).isGreaterThanOrEqualTo(OVERDUE * late);
    System.out.printf(
        "RELIABILITY overdue-after-outage: schedules=%d overdueBy=%s nodeStartMs=%d"
            + " lastSentMsAfterReady=%d latenessCount=%.0f latenessMaxSeconds=%.0f%n",
        OVERDUE,
        OVERDUE_BY,
        Duration.between(nodeStarted, nodeReady).toMillis(),
        Duration.between(nodeReady, allSent).toMillis(),
        count,
        max);
  }

  @Test
  void retriesThroughAProviderOutageWithBackoffUntilEverythingIsSent() {
    ApiClient api = new ApiClient(node.getEnvironment());
    ApiClient.TeamAccess team = api.newTeam();
    JdbcClient jdbc = ClusterNodes.jdbc(node);
    String prefix = "1" + (300_000 + ThreadLocalRandom.current().nextInt(600_000));
    List<String> phones = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    sink.outage(503);
    // Far enough ahead that 40 creates on a busy machine all stay more than the 1 s lead away.
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(6);
    for (int i = 0; i < 40; i++) {
      String phone = prefix + "%04d".formatted(i);
      var created =
          team.post(
              api,
              "/v1/schedule",
              "{\"inbox_id\":%d,\"execute_at\":\"%s\",\"phone_number\":\"%s\",\"content\":{\"text\":\"x\"}}"
                  .formatted(team.inboxId(), due, phone));
      assertThat(created.status()).as(created.raw()).isEqualTo(200);
      phones.add(phone);
      ids.add(created.body().get("id").asLong());
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> phones.stream().allMatch(p -> sink.receivedFor(p).size() >= 3));
    assertThat(unsent(jdbc, ids)).isEqualTo(ids.size());
    sink.recover();
    await().atMost(Duration.ofSeconds(30)).until(() -> unsent(jdbc, ids) == 0);

    assertThat(
            jdbc.sql("select count(*) from schedule where id = any(?) and status = 2")
                .param(ids.stream().mapToLong(Long::longValue).toArray())
                .query(Long.class)
                .single())
        .as("all sent, none stuck in sending")
        .isEqualTo(ids.size());
    assertThat(
            jdbc.sql(
                    "select count(*) from schedule where id = any(?) and recipients = 1 and sent = 1")
                .param(ids.stream().mapToLong(Long::longValue).toArray())
                .query(Long.class)
                .single())
        .isEqualTo(ids.size());
    int mostAttempts = 0;
    long shortestFirstGap = Long.MAX_VALUE;
    for (String phone : phones) {
      List<WebhookSink.Received> attempts = sink.receivedFor(phone);
      mostAttempts = Math.max(mostAttempts, attempts.size());
      assertThat(attempts.stream().map(WebhookSink.Received::idempotencyKey).distinct()).hasSize(1);
      long first = Duration.between(attempts.get(0).at(), attempts.get(1).at()).toMillis();
      long second = Duration.between(attempts.get(1).at(), attempts.get(2).at()).toMillis();
      shortestFirstGap = Math.min(shortestFirstGap, first);
      // Backing off: 0.5 s ±20 % after the first failure, 1 s ±20 % after the second.
      assertThat(first).as("first wait of %s", phone).isGreaterThanOrEqualTo(400);
      assertThat(second).as("second wait of %s", phone).isGreaterThan(first);
    }
    assertThat(mostAttempts).isLessThanOrEqualTo(8);
    System.out.printf(
        "RELIABILITY provider-outage: schedules=%d mostAttempts=%d shortestFirstRetryWaitMs=%d%n",
        ids.size(), mostAttempts, shortestFirstGap);
  }

  private static long unsent(JdbcClient jdbc, List<Long> ids) {
    return jdbc.sql("select count(*) from schedule where id = any(?) and status < 2")
        .param(ids.stream().mapToLong(Long::longValue).toArray())
        .query(Long.class)
        .single();
  }

  private static double metric(String prometheus, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$")
            .matcher(prometheus);
    assertThat(m.find()).as("%s in %s", name, prometheus).isTrue();
    return Double.parseDouble(m.group(2));
  }

  /** Schedules due two hours ago, written straight into the tables while no node runs. */
  private static List<Long> insertOverdue(JdbcClient jdbc) {
    long firstPhone = 50_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(OVERDUE_BY);
    return BulkSchedules.singlePhones(
        jdbc, BulkSchedules.team(jdbc, "overdue"), due, firstPhone, OVERDUE, "late");
  }
}
