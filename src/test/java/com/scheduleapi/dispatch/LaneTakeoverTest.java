package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiTest;
import com.scheduleapi.BulkSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Both lanes take a lease over only from a node that left the cluster, only once the taker may take
 * over at all (it has reached the database for the takeover grace), and never hand a node a
 * delivery it already holds: what keeps a database outage from sending anything twice.
 */
@ApiTest
class LaneTakeoverTest {

  // Long past, so that no other test's rows are due with these.
  private static final Instant DUE = Instant.parse("2001-02-03T04:05:00Z");
  private static final Duration LEASE = Duration.ofSeconds(20);

  @Autowired ScheduleLane schedules;
  @Autowired QueueLane queue;
  @Autowired JdbcClient jdbc;
  private final List<Long> made = new ArrayList<>();

  @AfterEach
  void removeWhatWasMade() {
    jdbc.sql("delete from schedule where id = any(?)")
        .param(made.stream().mapToLong(Long::longValue).toArray())
        .update();
  }

  @Test
  void aNodeNeverClaimsASingleItAlreadyHoldsEvenWhenItsLeaseRanOut() {
    singles(3);
    assertThat(claim(schedules, "a", true, "a")).hasSize(3);
    expireLeases();

    assertThat(claim(schedules, "a", true, "a")).isEmpty();
  }

  @Test
  void aSingleLeasedByALiveNodeIsNotTakenOverEvenWhenItsLeaseRanOut() {
    singles(3);
    assertThat(claim(schedules, "a", true, "a", "b")).hasSize(3);
    expireLeases();

    assertThat(claim(schedules, "b", true, "a", "b")).as("the owner is alive").isEmpty();
    assertThat(claim(schedules, "b", false, "b")).as("the taker is within its grace").isEmpty();
    List<Claimed> taken = claim(schedules, "b", true, "b");
    assertThat(taken).hasSize(3).allSatisfy(c -> assertThat(c.previousOwner()).isEqualTo("a"));
  }

  @Test
  void aSingleWhoseLeaseHasNotRunOutIsNotTakenOverFromANodeThatLeft() {
    singles(2);
    assertThat(claim(schedules, "a", true, "a")).hasSize(2);

    assertThat(claim(schedules, "b", true, "b")).isEmpty();
  }

  @Test
  void theQueueTakesOverOnlyFromNodesThatLeftAndNeverTwiceForOneNode() {
    queued(3);
    assertThat(claim(queue, "a", true, "a", "b")).hasSize(3);
    expireLeases();

    assertThat(claim(queue, "a", true, "a", "b")).as("its own").isEmpty();
    assertThat(claim(queue, "b", true, "a", "b")).as("the owner is alive").isEmpty();
    assertThat(claim(queue, "b", false, "b")).as("the taker is within its grace").isEmpty();
    assertThat(claim(queue, "b", true, "b"))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.previousOwner()).isEqualTo("a"));
  }

  private List<Claimed> claim(Lane lane, String node, boolean takeoverAllowed, String... live) {
    Instant now = Instant.now();
    return lane.claim(
            new Lane.ClaimRequest(
                DUE,
                now,
                100,
                LEASE,
                node,
                new ClusterMembership.Takeover(takeoverAllowed, Set.of(live)),
                Cursor.START,
                java.util.Map.of(),
                Set.of()))
        .leased();
  }

  private void singles(int count) {
    long firstPhone = 40_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    made.addAll(
        BulkSchedules.singlePhones(
            jdbc, BulkSchedules.team(jdbc, "takeover"), DUE, firstPhone, count, "hi"));
  }

  /** Deliveries in the queue, as a list's phones are: pending, due, held by nobody. */
  private void queued(int count) {
    singles(1);
    long schedule = made.get(made.size() - 1);
    jdbc.sql("update schedule set dispatched_at = now(), status = 1 where id = ?")
        .param(schedule)
        .update();
    for (int i = 0; i < count; i++) {
      jdbc.sql(
              """
              insert into delivery (schedule_id, recipient, idempotency_key, status, due_at)
              values (?, ?, gen_random_uuid(), 0, ?)
              """)
          .params(schedule, "1415555" + (1000 + i), java.sql.Timestamp.from(DUE))
          .update();
    }
  }

  private void expireLeases() {
    jdbc.sql("update schedule set lease_until = now() - interval '1 second' where id = any(?)")
        .param(made.stream().mapToLong(Long::longValue).toArray())
        .update();
    jdbc.sql(
            "update delivery set lease_until = now() - interval '1 second' where schedule_id = any(?)")
        .param(made.stream().mapToLong(Long::longValue).toArray())
        .update();
  }
}
