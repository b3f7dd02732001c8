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
    return transaction.execute(
        status -> {
          DeliveryQueue.Written written = queue.record(sorted, node);
          events.written(sorted, written.deliveryIds());
          settlement.finish(written.settledSchedules(), now);
          return written.count();
        });
  }

  @Override
  public int renewLeases(String node, Instant now, Duration lease, Instant horizon) {
    return queue.renewLeases(node, now, lease, horizon);
  }

  @Override
  public int release(List<Claimed> claimed, String node, Instant now) {
    return queue.release(claimed.stream().map(Claimed::deliveryId).toList(), node);
  }
}
