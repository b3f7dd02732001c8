package com.scheduleapi.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The delivery queue as a lane: a list's phones and every retry. */
@Component
class QueueLane implements Lane {

  private final DeliveryQueue queue;
  private final Settlement settlement;
  private final TransactionTemplate transaction;
  private final DeliveryEvents events;
  private final HeldLeases held = new HeldLeases(Claimed::deliveryId);

  QueueLane(
      DeliveryQueue queue,
      Settlement settlement,
      TransactionTemplate transaction,
      DeliveryEvents events) {
    this.queue = queue;
    this.settlement = settlement;
    this.transaction = transaction;
    this.events = events;
  }

  @Override
  public ClaimPage claim(ClaimRequest request) {
    List<DeliveryQueue.Row> rows = queue.claim(request);
    List<Claimed> leased =
        rows.stream()
            .map(
                r ->
                    new Claimed(
                        r.id(),
                        r.scheduleId(),
                        this,
                        r.recipient(),
                        r.idempotencyKey(),
                        r.attempts(),
                        r.due(),
                        r.previousOwner()))
            .toList();
    held.claimed(leased, request.node(), request.now(), request.lease());
    // Retries join the queue due sooner than rows already claimed: after a claim that was not full
    // the next one starts over, so that a retry is never behind the cursor.
    Cursor last =
        rows.stream().map(r -> new Cursor(r.due(), r.id())).reduce(Cursor.START, Cursor::max);
    return ClaimPage.of(
        leased, request.limit(), leased.size() == request.limit() ? last : Cursor.START);
  }

  @Override
  public int record(List<Outcome> outcomes, String node, Instant now) {
    if (outcomes.isEmpty()) {
      return 0;
    }
    // One lock order for every writer: by delivery id.
    List<Outcome> sorted =
        outcomes.stream().sorted(Comparator.comparingLong(Outcome::deliveryId)).toList();
    int written =
        transaction.execute(
            status -> {
              DeliveryQueue.Written rows = queue.record(sorted, node);
              events.written(sorted, rows.deliveryIds());
              settlement.finish(rows.settledSchedules(), now);
              return rows.count();
            });
    held.forget(sorted.stream().mapToLong(Outcome::deliveryId));
    return written;
  }

  @Override
  public int renewLeases(String node, Instant now, Duration lease) {
    return held.renew(queue::renewLeases, node, now, lease);
  }

  @Override
  public int release(List<Claimed> claimed, String node, Instant now) {
    int released = queue.release(claimed.stream().map(Claimed::deliveryId).toList(), node);
    held.forget(claimed.stream().mapToLong(Claimed::deliveryId));
    return released;
  }
}
