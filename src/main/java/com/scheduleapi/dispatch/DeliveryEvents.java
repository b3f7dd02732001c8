package com.scheduleapi.dispatch;

import com.scheduleapi.events.Events;
import com.scheduleapi.schedule.ScheduleLabels;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events of queued deliveries (a list's phones, retried singles) reaching a final status,
 * recorded in the transaction that writes the status: one query for the schedules' labels and one
 * insert for the events, per write batch.
 */
@Component
class DeliveryEvents {

  private final Events events;
  private final ScheduleLabels labels;
  private final JdbcClient jdbc;

  DeliveryEvents(Events events, ScheduleLabels labels, JdbcClient jdbc) {
    this.events = events;
    this.labels = labels;
    this.jdbc = jdbc;
  }

  /** Events for the final outcomes among these that were written (this node held them). */
  void written(List<Outcome> outcomes, Collection<Long> writtenIds) {
    Set<Long> written = new HashSet<>(writtenIds);
    List<Outcome> settled =
        outcomes.stream().filter(o -> o.isFinal() && written.contains(o.deliveryId())).toList();
    if (settled.isEmpty()) {
      return;
    }
    Map<Long, ScheduleLabels.Labels> bySchedule =
        labels.of(settled.stream().map(Outcome::scheduleId).toList());
    events.record(
        settled.stream()
            .flatMap(
                o -> {
                  ScheduleLabels.Labels label = bySchedule.get(o.scheduleId());
                  return events
                      .delivery(
                          label.teamId(),
                          new Events.DeliveryData(
                              o.scheduleId(),
                              label.localId(),
                              label.batchId(),
                              o.deliveryId(),
                              o.claimed().recipient(),
                              o.status().apiName(),
                              o.claimed().attempts(),
                              o.error(),
                              o.sentAt(),
                              o.providerMessageId()))
                      .stream();
                })
            .toList());
  }

  /** Events for queued deliveries a provider's receipt just moved on (delivered, undelivered). */
  void receipted(List<Receipted> receipted) {
    if (receipted.isEmpty()) {
      return;
    }
    Map<Long, ScheduleLabels.Labels> bySchedule =
        labels.of(receipted.stream().map(Receipted::scheduleId).toList());
    events.record(
        receipted.stream()
            .flatMap(
                r -> {
                  ScheduleLabels.Labels label = bySchedule.get(r.scheduleId());
                  return events
                      .delivery(
                          label.teamId(),
                          new Events.DeliveryData(
                              r.scheduleId(),
                              label.localId(),
                              label.batchId(),
                              r.deliveryId(),
                              r.recipient(),
                              r.status().apiName(),
                              r.attempts(),
                              r.error(),
                              r.sentAt(),
                              r.providerMessageId()))
                      .stream();
                })
            .toList());
  }

  /** A queued delivery as a receipt left it. */
  record Receipted(
      long deliveryId,
      long scheduleId,
      String recipient,
      DeliveryStatus status,
      int attempts,
      String error,
      Instant sentAt,
      String providerMessageId) {}

  /** Events for the phones of lists just fanned out that were skipped at once (opted out). */
  void skippedAtFanOut(List<Long> listScheduleIds) {
    if (listScheduleIds.isEmpty()) {
      return;
    }
    Map<Long, ScheduleLabels.Labels> bySchedule = labels.of(listScheduleIds);
    List<Events.NewEvent> skipped =
        jdbc.sql(
                DeliveryStatus.sql(
                    """
                    select id, schedule_id, recipient, error from delivery
                    where schedule_id = any(:ids::bigint[]) and status = {delivery.skipped}
                    """))
            .param("ids", listScheduleIds.stream().mapToLong(Long::longValue).toArray())
            .query(
                (rs, n) -> {
                  ScheduleLabels.Labels label = bySchedule.get(rs.getLong(2));
                  return events
                      .delivery(
                          label.teamId(),
                          new Events.DeliveryData(
                              rs.getLong(2),
                              label.localId(),
                              label.batchId(),
                              rs.getLong(1),
                              rs.getString(3),
                              DeliveryStatus.SKIPPED.apiName(),
                              0,
                              rs.getString(4),
                              null,
                              null))
                      .orElseThrow();
                })
            .list();
    events.record(skipped);
  }
}
