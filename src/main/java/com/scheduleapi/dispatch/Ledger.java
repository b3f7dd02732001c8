package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.DeliveryLedger;
import com.scheduleapi.schedule.ScheduleOutcomes;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A schedule's deliveries for the API, from whichever lane holds them: the queue's rows, or the
 * single that lives on its schedule row until a retry moves it into the queue.
 */
@Component
class Ledger implements DeliveryLedger {

  private final JdbcClient jdbc;
  private final ScheduleOutcomes schedules;
  private final LedgerZones zones;

  Ledger(JdbcClient jdbc, ScheduleOutcomes schedules, LedgerZones zones) {
    this.jdbc = jdbc;
    this.schedules = schedules;
    this.zones = zones;
  }

  @Override
  public List<Entry> page(long scheduleId, long afterId, int limit) {
    List<Entry> queued =
        jdbc.sql(
                """
                select id, recipient, status, attempts, error, sent_at, provider_message_id,
                       due_at, timezone
                from delivery where schedule_id = :schedule and id > :after order by id limit :limit
                """)
            .param("schedule", scheduleId)
            .param("after", afterId)
            .param("limit", limit)
            .query(
                (rs, n) ->
                    new Entry(
                        rs.getLong(1),
                        rs.getString(2),
                        DeliveryStatus.ofCode(rs.getShort(3)).apiName(),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getString(7),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(),
                        rs.getString(9)))
            .list();
    if (!queued.isEmpty() || inQueue(scheduleId)) {
      return zones.named(scheduleId, queued);
    }
    // A single not yet claimed has no delivery id (0) yet: it is on the first page only.
    return schedules
        .singleDelivery(scheduleId)
        .filter(single -> single.deliveryId() > afterId || (afterId == 0 && !single.claimed()))
        .map(Ledger::entry)
        .stream()
        .toList();
  }

  private static Entry entry(ScheduleOutcomes.SingleDelivery single) {
    ScheduleOutcomes.Tally tally = single.tally();
    DeliveryStatus status =
        !single.settled()
            ? DeliveryStatus.PENDING
            : tally.sent() > 0
                ? receipt(single.delivered())
                : tally.skipped() > 0
                    ? DeliveryStatus.SKIPPED
                    : tally.failed() > 0 ? DeliveryStatus.FAILED : DeliveryStatus.EXPIRED;
    return new Entry(
        single.deliveryId(),
        single.recipient(),
        status.apiName(),
        single.attempts(),
        single.error(),
        single.sentAt(),
        single.providerMessageId(),
        single.dueAt(),
        single.timezone());
  }

  /** A sent single's status after its receipt, if one came. */
  private static DeliveryStatus receipt(Boolean delivered) {
    if (delivered == null) {
      return DeliveryStatus.SENT;
    }
    return delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.UNDELIVERED;
  }

  private boolean inQueue(long scheduleId) {
    return jdbc.sql("select exists (select 1 from delivery where schedule_id = :schedule)")
        .param("schedule", scheduleId)
        .query(Boolean.class)
        .single();
  }

  @Override
  public ScheduleOutcomes.Tally liveTally(long scheduleId, boolean list) {
    ScheduleOutcomes.Tally tally =
        jdbc.sql(
                DeliveryStatus.sql(
                    """
                    select count(*), count(*) filter (where status in %s),
                           count(*) filter (where status = {delivery.failed}),
                           count(*) filter (where status = {delivery.skipped})
                    from delivery where schedule_id = :schedule
                    """
                        .formatted(DeliveryStatus.ACCEPTED)))
            .param("schedule", scheduleId)
            .query(
                (rs, n) ->
                    new ScheduleOutcomes.Tally(
                        scheduleId, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
            .single();
    // A single's first attempt is kept on its schedule row, not in the queue.
    return tally.total() == 0 && !list ? new ScheduleOutcomes.Tally(scheduleId, 1, 0, 0, 0) : tally;
  }
}
