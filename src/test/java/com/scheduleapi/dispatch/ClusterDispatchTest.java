package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.BulkSchedules;
import com.scheduleapi.WebhookSink;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several nodes on one database: a burst due at one instant is handed over exactly once and shared
 * by the nodes; a node killed mid-burst loses nothing; a restarted node sends what was scheduled.
 */
class ClusterDispatchTest {

  // More than both nodes may hold at once (max-held 2,000 each), so claims go on while they send.
  private static final int BURST = 5_000;

  private final WebhookSink sink = WebhookSink.shared();
  private ConfigurableApplicationContext nodeA;
  private ConfigurableApplicationContext nodeB;
  private Process victim;

  @AfterEach
  void stopNodes() {
    sink.delay(Duration.ZERO);
    if (victim != null) {
      victim.destroyForcibly();
    }
    for (ConfigurableApplicationContext node :
        new ConfigurableApplicationContext[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  void twoNodesHandOverABurstExactlyOnceAndShareTheWork() {
    nodeA = ClusterNodes.inProcess("node-a");
    nodeB = ClusterNodes.inProcess("node-b");
    JdbcClient jdbc = ClusterNodes.jdbc(nodeA);
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
    Range burst = insertBurst(jdbc, due);

    await().atMost(Duration.ofSeconds(60)).until(() -> unfinished(jdbc, burst) == 0);

    List<WebhookSink.Received> received = receivedIn(burst);
    Map<Long, Long> perSchedule =
        received.stream()
            .collect(
                Collectors.groupingBy(WebhookSink.Received::scheduleId, Collectors.counting()));
    assertThat(perSchedule).hasSize(BURST);
    assertThat(perSchedule.values()).allMatch(n -> n == 1);
    Set<String> nodes =
        received.stream().map(WebhookSink.Received::node).collect(Collectors.toSet());
    assertThat(nodes).containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(received).allMatch(r -> !r.at().isBefore(due));
    assertThat(sent(jdbc, burst)).isEqualTo(BURST);
  }

  @Test
  void aPacedInboxIsPacedAcrossBothNodesInDueOrderAndEachMessageGoesOnce() {
    nodeA = ClusterNodes.inProcess("node-a");
    nodeB = ClusterNodes.inProcess("node-b");
    JdbcClient jdbc = ClusterNodes.jdbc(nodeA);
    BulkSchedules.Team team = BulkSchedules.team(jdbc, "paced");
    int mps = 4;
    // Set as PATCH /v1/inboxes/{id} would.
    jdbc.sql("update inbox set mps = ? where id = ?").params(mps, team.inbox()).update();
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
    long firstPhone = 30_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    List<Long> early = BulkSchedules.singlePhones(jdbc, team, due, firstPhone, 8, "early");
    List<Long> late =
        BulkSchedules.singlePhones(jdbc, team, due.plusSeconds(1), firstPhone + 8, 8, "late");
    Range all = new Range(early.get(0), late.get(late.size() - 1));

    await().atMost(Duration.ofSeconds(60)).until(() -> unfinished(jdbc, all) == 0);

    List<WebhookSink.Received> received =
        receivedIn(all).stream()
            .sorted(java.util.Comparator.comparing(WebhookSink.Received::at))
            .toList();
    assertThat(received).hasSize(16);
    assertThat(received.stream().map(WebhookSink.Received::scheduleId).distinct()).hasSize(16);
    // 16 messages at 4 a second across both nodes: at least 15 slot spacings, whoever sent them.
    assertThat(Duration.between(received.get(0).at(), received.get(15).at()))
        .isGreaterThan(Duration.ofMillis(3_000));
    for (WebhookSink.Received first : received) {
      long inWindow =
          received.stream()
              .filter(
                  r -> !r.at().isBefore(first.at()) && r.at().isBefore(first.at().plusSeconds(1)))
              .count();
      assertThat(inWindow)
          .as("posts in the second from " + first.at())
          .isLessThanOrEqualTo(2L * mps);
    }
    // Due order: on each node, no message of the later instant goes before one of the earlier
    // (messages due at one instant have no order among themselves).
    for (String node : List.of("node-a", "node-b")) {
      List<Integer> instants =
          received.stream()
              .filter(r -> r.node().equals(node))
              .map(r -> early.contains(r.scheduleId()) ? 0 : 1)
              .toList();
      assertThat(instants).as("due order on " + node).isSorted();
    }
  }

  @Test
  void aNodeKilledMidBurstLosesNothingAndRepeatsOnlyInFlightDeliveriesWithTheirKeys()
      throws Exception {
    int port = ClusterNodes.freePort();
    Path log = Files.createTempFile("victim", ".log");
    victim = ClusterNodes.process("victim", port, log);
    nodeB = ClusterNodes.inProcess("survivor");
    await().atMost(Duration.ofSeconds(90)).until(() -> ready(port));
    JdbcClient jdbc = ClusterNodes.jdbc(nodeB);
    sink.delay(Duration.ofMillis(40));
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
    Range burst = insertBurst(jdbc, due);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> receivedIn(burst).stream().filter(r -> "victim".equals(r.node())).count() >= 300);
    victim.destroyForcibly().waitFor();
    int receivedAtKill = receivedIn(burst).size();
    sink.delay(Duration.ZERO);

    await().atMost(Duration.ofSeconds(90)).until(() -> unfinished(jdbc, burst) == 0);

    assertThat(receivedAtKill).isLessThan(BURST);
    List<WebhookSink.Received> received = receivedIn(burst);
    Map<Long, List<WebhookSink.Received>> perSchedule =
        received.stream().collect(Collectors.groupingBy(WebhookSink.Received::scheduleId));
    assertThat(perSchedule).hasSize(BURST);
    assertThat(perSchedule.values())
        .allSatisfy(
            attempts ->
                assertThat(attempts.stream().map(WebhookSink.Received::idempotencyKey).distinct())
                    .hasSize(1));
    long repeated = perSchedule.values().stream().filter(a -> a.size() > 1).count();
    // Only what the victim held when it died may go out twice: at most its workers' batches.
    assertThat(repeated).isLessThanOrEqualTo(2 * 1000);
    assertThat(perSchedule.values().stream().filter(a -> a.size() > 1))
        .allSatisfy(a -> assertThat(a.get(0).node()).isEqualTo("victim"));
    assertThat(sent(jdbc, burst)).isEqualTo(BURST);
  }

  @Test
  void aNodeStoppedWhileHoldingClaimsSendsOrGivesBackSoNothingGoesOutTwice() {
    nodeA = ClusterNodes.inProcess("leaving");
    nodeB = ClusterNodes.inProcess("staying");
    JdbcClient jdbc = ClusterNodes.jdbc(nodeB);
    sink.delay(Duration.ofMillis(20));
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
    Range burst = insertBurst(jdbc, due);

    // A burst is claimed ahead of its instant; stop the node while it holds such claims.
    await().atMost(Duration.ofSeconds(60)).until(() -> heldBy(jdbc, "leaving", burst) > 0);
    // What SIGTERM does: the shutdown hook closes the context.
    nodeA.close();
    long stillHeld = heldBy(jdbc, "leaving", burst);
    sink.delay(Duration.ZERO);

    await().atMost(Duration.ofSeconds(60)).until(() -> unfinished(jdbc, burst) == 0);

    assertThat(stillHeld).as("claims the stopped node kept").isZero();
    Map<Long, Long> perSchedule =
        receivedIn(burst).stream()
            .collect(
                Collectors.groupingBy(WebhookSink.Received::scheduleId, Collectors.counting()));
    assertThat(perSchedule).hasSize(BURST);
    assertThat(perSchedule.values()).allMatch(n -> n == 1);
    assertThat(receivedIn(burst)).anyMatch(r -> "staying".equals(r.node()));
    assertThat(sent(jdbc, burst)).isEqualTo(BURST);
  }

  private static long heldBy(JdbcClient jdbc, String node, Range range) {
    return jdbc.sql(
            "select count(*) from schedule where lease_owner = ? and dispatched_at is null and id between ? and ?")
        .params(node, range.first(), range.last())
        .query(Long.class)
        .single();
  }

  @Test
  void aRestartedNodeSendsWhatWasScheduledBeforeItStopped() {
    nodeA = ClusterNodes.inProcess("first-life");
    JdbcClient jdbc = ClusterNodes.jdbc(nodeA);
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
    Range one = insert(jdbc, due, 1);
    nodeA.close();
    nodeA = ClusterNodes.inProcess("second-life");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> unfinished(ClusterNodes.jdbc(nodeA), one) == 0);

    assertThat(receivedIn(one))
        .singleElement()
        .satisfies(r -> assertThat(r.node()).isEqualTo("second-life"));
  }

  private Range insertBurst(JdbcClient jdbc, Instant due) {
    return insert(jdbc, due, BURST);
  }

  /** Puts {@code count} single-phone schedules in place through the service's own tables. */
  private static Range insert(JdbcClient jdbc, Instant due, int count) {
    long firstPhone = 30_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    List<Long> ids =
        BulkSchedules.singlePhones(
            jdbc, BulkSchedules.team(jdbc, "cluster"), due, firstPhone, count, "burst");
    return new Range(
        ids.stream().mapToLong(Long::longValue).min().orElseThrow(),
        ids.stream().mapToLong(Long::longValue).max().orElseThrow());
  }

  private List<WebhookSink.Received> receivedIn(Range range) {
    return sink.received().stream().filter(r -> range.contains(r.scheduleId())).toList();
  }

  private static long unfinished(JdbcClient jdbc, Range range) {
    return jdbc.sql("select count(*) from schedule where id between ? and ? and status < 2")
        .params(range.first(), range.last())
        .query(Long.class)
        .single();
  }

  private static long sent(JdbcClient jdbc, Range range) {
    return jdbc.sql("select count(*) from schedule where id between ? and ? and status = 2")
        .params(range.first(), range.last())
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

  private record Range(long first, long last) {
    boolean contains(long id) {
      return id >= first && id <= last;
    }
  }
}
