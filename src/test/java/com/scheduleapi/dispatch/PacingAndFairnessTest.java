package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.BulkSchedules;
import com.scheduleapi.DispatchTest;
import com.scheduleapi.WebhookSink;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CONTRACT §9 on one node: a provider's 429 with Retry-After slows the whole inbox down for that
 * long and is not counted as an attempt, while other inboxes go on; one inbox's backlog due at an
 * instant does not hold up another inbox's messages due then. (Pacing across two nodes is in {@link
 * ClusterDispatchTest}.) Order and counts are asserted, and lower bounds on time only.
 */
@DispatchTest
class PacingAndFairnessTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired JdbcClient jdbc;
  private final WebhookSink sink = WebhookSink.shared();

  @AfterEach
  void calmSink() {
    sink.retryAfter(0);
  }

  @Test
  void tooManyRequestsSlowsTheWholeInboxForRetryAfterAndIsNotAnAttempt() {
    sink.retryAfter(3);
    BulkSchedules.Team slowed = BulkSchedules.team(jdbc, "throttled");
    BulkSchedules.Team other = BulkSchedules.team(jdbc, "bystander");
    Instant due = soon();
    long first = firstPhone();
    String throttled = Long.toString(first + 1);
    sink.script(throttled, 429);
    long bystanderPhone = firstPhone();
    List<Long> ids = BulkSchedules.singlePhones(jdbc, slowed, due, first, 1, "slow");
    List<Long> later =
        BulkSchedules.singlePhones(jdbc, slowed, due.plusSeconds(2), first + 1, 3, "later");
    List<Long> bystander =
        BulkSchedules.singlePhones(jdbc, other, due.plusSeconds(2), bystanderPhone, 1, "other");

    await().atMost(PATIENCE).until(() -> allSent(ids, later, bystander));

    List<WebhookSink.Received> posts = sink.receivedFor(throttled);
    assertThat(posts).hasSize(2);
    Instant slowedAt = posts.get(0).at();
    Instant pauseEnds = slowedAt.plusSeconds(3).minusMillis(200);
    assertThat(posts.get(1).at()).isAfter(pauseEnds);
    // Whatever this node hands over after the 429's answer waits for the pause to end; only a
    // message already on its way when the answer came (a very late first post) may go earlier.
    Instant answered = slowedAt.plusMillis(300);
    for (int i = 2; i <= 4; i++) {
      assertThat(sink.receivedFor(Long.toString(first + i)))
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.at().isBefore(answered) || r.at().isAfter(pauseEnds))
                      .as("the whole inbox waits: posted at %s, 429 at %s", r.at(), slowedAt)
                      .isTrue());
    }
    WebhookSink.Received others = sink.receivedFor(Long.toString(bystanderPhone + 1)).get(0);
    assertThat(others.at()).as("another inbox is not slowed").isBefore(posts.get(1).at());
    assertThat(attempts(ids.get(0))).as("the 429 is not counted").isEqualTo(1);
  }

  @Test
  void oneInboxBacklogDoesNotHoldUpAnotherInboxDueAtTheSameInstant() {
    BulkSchedules.Team big = BulkSchedules.team(jdbc, "big");
    BulkSchedules.Team small = BulkSchedules.team(jdbc, "small");
    Instant parked = Instant.now().plus(Duration.ofDays(1));
    long bigPhones = firstPhone();
    long smallPhones = firstPhone();
    // The small inbox's schedules come after the whole backlog in id order, so a claim in one
    // global due order would take them last.
    List<Long> backlog = BulkSchedules.singlePhones(jdbc, big, parked, bigPhones, 1_000, "big");
    List<Long> few = BulkSchedules.singlePhones(jdbc, small, parked, smallPhones, 5, "small");
    // Both made due by one statement: no claim can see the backlog without the few.
    Instant due = soon();
    jdbc.sql("update schedule set execute_at = :due, due_at = :due where id = any(:ids::bigint[])")
        .param("due", java.sql.Timestamp.from(due))
        .param(
            "ids",
            java.util.stream.Stream.concat(backlog.stream(), few.stream())
                .mapToLong(Long::longValue)
                .toArray())
        .update();

    await().atMost(PATIENCE).until(() -> allSent(backlog, few, List.of()));

    Set<String> smallSet =
        java.util.stream.LongStream.rangeClosed(smallPhones + 1, smallPhones + 5)
            .mapToObj(Long::toString)
            .collect(Collectors.toSet());
    Set<String> bigSet =
        java.util.stream.LongStream.rangeClosed(bigPhones + 1, bigPhones + 1_000)
            .mapToObj(Long::toString)
            .collect(Collectors.toSet());
    List<WebhookSink.Received> inOrder =
        sink.received().stream()
            .filter(
                r ->
                    bigSet.contains(r.recipients().get(0))
                        || smallSet.contains(r.recipients().get(0)))
            .sorted(Comparator.comparing(WebhookSink.Received::at))
            .toList();
    assertThat(inOrder).hasSize(1_005);
    int lastSmall = 0;
    for (int i = 0; i < inOrder.size(); i++) {
      if (smallSet.contains(inOrder.get(i).recipients().get(0))) {
        lastSmall = i;
      }
    }
    assertThat(lastSmall)
        .as(
            "the small inbox's messages go out among the first of the instant, not after the backlog")
        .isLessThan(500);
  }

  private boolean allSent(List<Long> a, List<Long> b, List<Long> c) {
    List<Long> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return jdbc.sql("select count(*) from schedule where id = any(:ids::bigint[]) and status = 2")
            .param("ids", all.stream().mapToLong(Long::longValue).toArray())
            .query(Long.class)
            .single()
        == all.size();
  }

  private int attempts(long scheduleId) {
    return jdbc.sql("select attempts from delivery where schedule_id = ?")
        .param(scheduleId)
        .query(Integer.class)
        .single();
  }

  private static Instant soon() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
  }

  private static long firstPhone() {
    return 60_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 10;
  }
}
