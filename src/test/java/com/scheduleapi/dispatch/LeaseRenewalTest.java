package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiTest;
import com.scheduleapi.BulkSchedules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schedule lane renews the leases it took, by id, once they run out within three quarters of a
 * lease: only rows still leased to the node and not settled, a row locked by a settle under way is
 * tried again at the next renewal, and a row that is no longer the node's is forgotten.
 */
@ApiTest
class LeaseRenewalTest {

  // Long past, so that no other test's rows are due with these; the test's clock starts there.
  private static final Instant DUE = Instant.parse("2001-02-03T04:10:00Z");
  private static final Duration LEASE = Duration.ofSeconds(20);
  private static final String NODE = "renewing-node";

  @Autowired ScheduleLane lane;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  private final List<Long> made = new ArrayList<>();

  @AfterEach
  void removeWhatWasMade() {
    jdbc.sql("delete from schedule where id = any(?)")
        .param(made.stream().mapToLong(Long::longValue).toArray())
        .update();
  }

  @Test
  void renewsItsOwnUnsettledLeasesByIdAndForgetsTheRest() throws Exception {
    Instant now = DUE;
    singles(4);
    assertThat(claim(now)).hasSize(4);

    assertThat(lane.renewLeases(NODE, now.plusSeconds(4), LEASE))
        .as("20 s left, more than three quarters of the lease")
        .isZero();
    assertThat(lane.renewLeases(NODE, now.plusSeconds(6), LEASE)).isEqualTo(4);
    assertThat(leaseUntil(made.get(0))).isEqualTo(now.plusSeconds(26));

    jdbc.sql("update schedule set dispatched_at = now(), status = 2 where id = ?")
        .param(made.get(0))
        .update();
    jdbc.sql("update schedule set lease_owner = 'another-node' where id = ?")
        .param(made.get(1))
        .update();
    try (Connection settling = dataSource.getConnection()) {
      settling.setAutoCommit(false);
      try (PreparedStatement lock =
          settling.prepareStatement("select id from schedule where id = ? for update")) {
        lock.setLong(1, made.get(2));
        lock.executeQuery().close();
      }
      assertThat(lane.renewLeases(NODE, now.plusSeconds(12), LEASE))
          .as("the settled, the other node's and the locked are not renewed")
          .isEqualTo(1);
      settling.rollback();
    }
    assertThat(leaseUntil(made.get(3))).isEqualTo(now.plusSeconds(32));
    assertThat(leaseUntil(made.get(1))).as("not ours").isEqualTo(now.plusSeconds(26));

    assertThat(lane.renewLeases(NODE, now.plusSeconds(13), LEASE))
        .as("the locked one, again: its lease still runs out first")
        .isEqualTo(1);
    assertThat(leaseUntil(made.get(2))).isEqualTo(now.plusSeconds(33));

    assertThat(lane.renewLeases(NODE, now.plusSeconds(19), LEASE))
        .as("the two still ours; the settled and the other node's are forgotten")
        .isEqualTo(2);
    assertThat(leaseUntil(made.get(1))).isEqualTo(now.plusSeconds(26));
  }

  @Test
  void forgetsARowGivenBack() {
    Instant now = DUE;
    singles(2);
    List<Claimed> claimed = claim(now);
    assertThat(claimed).hasSize(2);

    assertThat(lane.release(claimed.subList(0, 1), NODE, now)).isEqualTo(1);
    assertThat(lane.renewLeases(NODE, now.plusSeconds(10), LEASE)).isEqualTo(1);
  }

  @Test
  void renewsNothingForAnotherNodeName() {
    Instant now = DUE;
    singles(2);
    assertThat(claim(now)).hasSize(2);

    assertThat(lane.renewLeases("some-other-node", now.plusSeconds(10), LEASE)).isZero();
    assertThat(lane.renewLeases(NODE, now.plusSeconds(10), LEASE)).isEqualTo(2);
  }

  private List<Claimed> claim(Instant now) {
    return lane.claim(
            new Lane.ClaimRequest(
                DUE,
                now,
                100,
                LEASE,
                NODE,
                new ClusterMembership.Takeover(false, Set.of(NODE)),
                Cursor.START,
                Map.of(),
                Set.of()))
        .leased();
  }

  private Instant leaseUntil(long id) {
    return jdbc.sql("select lease_until from schedule where id = ?")
        .param(id)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  private void singles(int count) {
    long firstPhone = 41_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    made.addAll(
        BulkSchedules.singlePhones(
            jdbc, BulkSchedules.team(jdbc, "renewal"), DUE, firstPhone, count, "hi"));
  }
}
