package com.scheduleapi.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where deliveries wait, are leased and settle. There are two: a single-recipient schedule is its
 * own delivery ({@link ScheduleLane}), and a list's phones and every retry wait in the delivery
 * queue ({@link QueueLane}). A delivery's lane is fixed when it is claimed ({@link
 * Claimed#lane()}); everything after goes back to that lane.
 *
 * <p>A lease is {@code lease_owner} and {@code lease_until} in both tables. A claim takes rows
 * nobody holds, and rows whose lease ran out while their owner is no longer a live member of the
 * cluster (see {@link ClusterMembership}): that is how a dead node's work is taken over.
 */
interface Lane {

  /** Claims due deliveries under a lease for the requesting node. */
  ClaimPage claim(ClaimRequest request);

  /**
   * Writes outcomes; rows this node no longer holds are left alone. Answers how many were written.
   */
  int record(List<Outcome> outcomes, String node, Instant now);

  /** Pushes this node's leases that would soon run out one lease ahead (by id, see HeldLeases). */
  int renewLeases(String node, Instant now, Duration lease);

  /** Gives claimed deliveries back, due again as if never claimed. */
  int release(List<Claimed> claimed, String node, Instant now);

  /**
   * What to claim: up to {@code limit} deliveries due by {@code horizon}, after the cursor (in the
   * schedule lane, each inbox's after its own), none of the inboxes to skip. {@code takeover} says
   * whether leases of nodes that left may be taken, and which nodes live.
   */
  record ClaimRequest(
      Instant horizon,
      Instant now,
      int limit,
      Duration lease,
      String node,
      ClusterMembership.Takeover takeover,
      Cursor after,
      Map<Long, Cursor> inboxCursors,
      Set<Long> skipInboxes) {}

  /**
   * What a claim did: rows claimed, deliveries the claim wrote into the queue (a list's phones) and
   * of those skipped as opted out, the deliveries now leased to this node, and the next cursor.
   */
  record ClaimPage(
      int rows,
      int queued,
      int skipped,
      List<Claimed> leased,
      Cursor next,
      Map<Long, Cursor> nextByInbox,
      boolean full) {

    static ClaimPage of(List<Claimed> leased, int limit, Cursor next) {
      return new ClaimPage(leased.size(), 0, 0, leased, next, Map.of(), leased.size() == limit);
    }
  }
}
