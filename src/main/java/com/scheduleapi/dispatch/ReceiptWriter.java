package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.ScheduleReceipts;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of receipts in one transaction: to the deliveries in the queue with those provider
 * ids, and to singles settled on their schedule row (the schedule module's), with their events.
 * Only a {@code sent} delivery moves: the first receipt wins, and a late one never moves it back.
 */
@Component
class ReceiptWriter {

  private final JdbcClient jdbc;
  private final ScheduleReceipts singles;
  private final DeliveryEvents events;
  private final TransactionTemplate transaction;

  ReceiptWriter(
      JdbcClient jdbc,
      ScheduleReceipts singles,
      DeliveryEvents events,
      TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.singles = singles;
    this.events = events;
    this.transaction = transaction;
  }

  /** Writes the receipts; answers which moved a delivery and which found none at all. */
  Written write(List<Receipt> receipts) {
    return transaction.execute(status -> writeInTransaction(receipts));
  }

  private Written writeInTransaction(List<Receipt> receipts) {
    List<DeliveryEvents.Receipted> queued =
        jdbc.sql(
                DeliveryStatus.sql(
                    """
                    update delivery d set status = u.status, error = u.error
                    from unnest(:ids::text[], :statuses::smallint[], :errors::text[])
                         as u(provider_id, status, error)
                    where d.provider_message_id = u.provider_id and d.status = {delivery.sent}
                    returning d.id, d.schedule_id, d.recipient, d.status, d.attempts, d.error,
                              d.sent_at, d.provider_message_id
                    """))
            .param("ids", receipts.stream().map(Receipt::providerMessageId).toArray(String[]::new))
            .param("statuses", receipts.stream().mapToInt(r -> r.status().code()).toArray())
            .param("errors", receipts.stream().map(Receipt::error).toArray(String[]::new))
            .query(
                (rs, n) ->
                    new DeliveryEvents.Receipted(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        DeliveryStatus.ofCode(rs.getShort(4)),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
            .list();
    events.receipted(queued);
    Set<String> moved = new HashSet<>();
    queued.forEach(r -> moved.add(r.providerMessageId()));
    List<ScheduleReceipts.Receipt> rest =
        receipts.stream()
            .filter(r -> !moved.contains(r.providerMessageId()))
            .map(r -> new ScheduleReceipts.Receipt(r.providerMessageId(), r.delivered(), r.error()))
            .toList();
    moved.addAll(singles.apply(rest));
    return new Written(moved, unknown(receipts, moved));
  }

  /**
   * Of the receipts that moved nothing, those to try again: whose message is nowhere yet, or still
   * {@code sent} (its sent outcome committed between this batch's update and this look). Only a
   * message that has its receipt already lets a receipt go.
   */
  private Set<String> unknown(List<Receipt> receipts, Set<String> moved) {
    List<String> unmoved =
        receipts.stream()
            .map(Receipt::providerMessageId)
            .filter(id -> !moved.contains(id))
            .toList();
    if (unmoved.isEmpty()) {
      return Set.of();
    }
    Set<String> unknown = new HashSet<>(unmoved);
    unknown.removeAll(
        jdbc.sql(
                DeliveryStatus.sql(
                    """
                    select provider_message_id from delivery
                    where provider_message_id = any(:ids::text[]) and status <> {delivery.sent}
                    """))
            .param("ids", unmoved.toArray(String[]::new))
            .query(String.class)
            .list());
    unknown.removeAll(singles.known(unmoved));
    return unknown;
  }

  /**
   * What a batch did: receipts that moved their delivery on, and receipts whose message was not
   * found (the others found theirs with a receipt already).
   */
  record Written(Set<String> moved, Set<String> unknown) {}
}
