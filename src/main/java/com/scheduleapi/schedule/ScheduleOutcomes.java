package com.scheduleapi.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outcomes on the schedule table: a single settled on its row or handed to the delivery queue for
 * its retries, a schedule closed with its counts. With {@link DueSchedules}, the only code that
 * changes a schedule's dispatch columns.
 */
@Repository
public class ScheduleOutcomes {

  /** One statement settles a batch of singles on their rows, each looked up by its id. */
  static final String SETTLE =
      """
      update schedule s
      set status = u.status, dispatched_at = :now, recipients = 1, sent = u.sent,
          failed = u.failed, skipped = u.skipped, error = u.error,
          sent_at = u.sent_at::timestamptz, provider_message_id = u.provider_id,
          attempts = s.attempts - u.unattempted,
          lease_owner = null, lease_until = null, updated_at = :now
      from unnest(:ids::bigint[], :statuses::smallint[], :sent::int[], :failed::int[],
                  :skipped::int[], :errors::text[], :sent_at::text[], :provider_ids::text[],
                  :unattempted::int[], array_fill(:node::text, array[cardinality(:ids::bigint[])]))
           as u(id, status, sent, failed, skipped, error, sent_at, provider_id, unattempted, node)
      -- Matched on the batch's column, not :node: statistics show almost no leased rows, and
      -- against a constant the planner may then compare each leased row with each row of the
      -- batch (seconds a batch) instead of looking it up by id. A leased row is not sent yet.
      where s.id = u.id and s.lease_owner = u.node
      returning s.id, s.team_id, s.local_id, s.batch_id, s.delivery_id, s.attempts,
                schedule_recipient(s.phone_number, s.targets)
      """;

  private final JdbcClient jdbc;
  private final ScheduleEvents events;
  private final TransactionTemplate transaction;

  ScheduleOutcomes(JdbcClient jdbc, ScheduleEvents events, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.events = events;
    this.transaction = transaction;
  }

  /**
   * Writes the outcomes of singles onto their rows (closing them) and their events in one
   * transaction; rows whose lease the node lost are left alone. Answers how many were written.
   */
  public int settle(List<Settled> settled, String node, Instant now) {
    if (settled.isEmpty()) {
      return 0;
    }
    return transaction.execute(status -> settleInTransaction(settled, node, now));
  }

  private int settleInTransaction(List<Settled> settled, String node, Instant now) {
    Map<Long, Settled> byId =
        settled.stream().collect(Collectors.toMap(Settled::scheduleId, s -> s, (a, b) -> a));
    List<ScheduleEvents.Settled> written =
        jdbc.sql(SETTLE)
            .param("now", Timestamp.from(now))
            .param("ids", settled.stream().mapToLong(Settled::scheduleId).toArray())
            .param("statuses", settled.stream().mapToInt(s -> s.tally().status().code()).toArray())
            .param("sent", settled.stream().mapToInt(s -> s.tally().sent()).toArray())
            .param("failed", settled.stream().mapToInt(s -> s.tally().failed()).toArray())
            .param("skipped", settled.stream().mapToInt(s -> s.tally().skipped()).toArray())
            .param("errors", settled.stream().map(Settled::error).toArray(String[]::new))
            .param("sent_at", settled.stream().map(s -> text(s.sentAt())).toArray(String[]::new))
            .param("provider_ids", settled.stream().map(Settled::providerId).toArray(String[]::new))
            .param("unattempted", settled.stream().mapToInt(s -> s.attempted() ? 0 : 1).toArray())
            .param("node", node)
            .query((rs, n) -> ScheduleEvents.Settled.of(rs, byId.get(rs.getLong(1))))
            .list();
    events.settledSingles(written);
    return written.size();
  }

  /**
   * Hands singles whose attempt is to be retried over to the delivery queue: their rows are marked
   * dispatched and answer what the queue needs (the delivery id, key and attempts they keep).
   */
  public List<Moved> moveOut(List<Long> scheduleIds, String node, Instant now) {
    return jdbc.sql(
            """
            update schedule s set dispatched_at = :now, lease_owner = null, lease_until = null,
                   updated_at = :now
            where s.id = any(:ids::bigint[]) and s.lease_owner = :node and s.dispatched_at is null
            returning s.id, s.delivery_id, s.idempotency_key, s.attempts,
                      schedule_recipient(s.phone_number, s.targets)
            """)
        .param("now", Timestamp.from(now))
        .param("ids", scheduleIds.stream().mapToLong(Long::longValue).toArray())
        .param("node", node)
        .query(
            (rs, n) ->
                new Moved(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getObject(3, UUID.class),
                    rs.getInt(4),
                    rs.getString(5)))
        .list();
  }

  /**
   * Locks those of these schedules still {@code sending}, in id order, and answers them: whoever
   * closes a schedule counts its deliveries only after every earlier writer of them committed.
   */
  public List<Long> lockSending(Collection<Long> scheduleIds) {
    return jdbc.sql(
            ScheduleStatus.sql(
                """
                select id from schedule
                where id = any(:ids::bigint[]) and status = {schedule.sending}
                order by id for update
                """))
        .param("ids", scheduleIds.stream().mapToLong(Long::longValue).toArray())
        .query(Long.class)
        .list();
  }

  /**
   * Gives schedules still {@code sending} whose deliveries are all settled their final status and
   * counts. Safe to call twice and from several nodes at once.
   */
  public void close(List<Tally> tallies, Instant now) {
    if (tallies.isEmpty()) {
      return;
    }
    List<ScheduleEvents.Final> closed =
        jdbc.sql(
                ScheduleStatus.sql(
                    """
                update schedule s
                set status = u.status, recipients = u.total, sent = u.sent, failed = u.failed,
                    skipped = u.skipped, updated_at = :now
                from unnest(:ids::bigint[], :statuses::smallint[], :totals::int[], :sent::int[],
                            :failed::int[], :skipped::int[])
                     as u(id, status, total, sent, failed, skipped)
                where s.id = u.id and s.status = {schedule.sending}
                returning s.id, s.team_id, s.status
                """))
            .param("now", Timestamp.from(now))
            .param("ids", tallies.stream().mapToLong(Tally::scheduleId).toArray())
            .param("statuses", tallies.stream().mapToInt(t -> t.status().code()).toArray())
            .param("totals", tallies.stream().mapToInt(Tally::total).toArray())
            .param("sent", tallies.stream().mapToInt(Tally::sent).toArray())
            .param("failed", tallies.stream().mapToInt(Tally::failed).toArray())
            .param("skipped", tallies.stream().mapToInt(Tally::skipped).toArray())
            .query(
                (rs, n) ->
                    new ScheduleEvents.Final(
                        rs.getLong(1), rs.getLong(2), ScheduleStatus.ofCode(rs.getShort(3))))
            .list();
    events.settled(closed);
  }

  /**
   * The delivery of a single that lives on its own row (claimed at least once, never moved to the
   * queue), for the deliveries listing.
   */
  public Optional<SingleDelivery> singleDelivery(long scheduleId) {
    return jdbc.sql(
            ScheduleStatus.sql(
                """
                select coalesce(delivery_id, 0), schedule_recipient(phone_number, targets),
                       dispatched_at, sent, failed, skipped, attempts, error, sent_at,
                       provider_message_id, due_at, timezone, delivered
                from schedule
                where id = :id and list_id is null
                """))
        .param("id", scheduleId)
        .query(
            (rs, n) ->
                new SingleDelivery(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getTimestamp(3) != null,
                    new Tally(scheduleId, 1, rs.getInt(4), rs.getInt(5), rs.getInt(6)),
                    rs.getInt(7),
                    rs.getString(8),
                    rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                    rs.getString(10),
                    rs.getTimestamp(11).toInstant(),
                    rs.getString(12),
                    rs.getObject(13, Boolean.class)))
        .optional();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** A single's outcome; {@code attempted} is false when nothing was handed to the sender. */
  public record Settled(
      long scheduleId,
      Tally tally,
      String error,
      Instant sentAt,
      String providerId,
      boolean attempted) {}

  /** A single moved to the delivery queue, with what it keeps. */
  public record Moved(
      long scheduleId, long deliveryId, UUID idempotencyKey, int attempts, String recipient) {}

  /** A schedule's settled deliveries counted; the status follows from the counts. */
  public record Tally(long scheduleId, int total, int sent, int failed, int skipped, int expired) {

    public Tally(long scheduleId, int total, int sent, int failed, int skipped) {
      this(scheduleId, total, sent, failed, skipped, 0);
    }

    public ScheduleStatus status() {
      return ScheduleStatus.settled(sent, failed, expired);
    }
  }

  /**
   * A single's delivery as its row keeps it; the tally says how it settled, {@code delivered} its
   * receipt (null: none). Before its first claim it has no delivery id (0) and shows its plan.
   */
  public record SingleDelivery(
      long deliveryId,
      String recipient,
      boolean settled,
      Tally tally,
      int attempts,
      String error,
      Instant sentAt,
      String providerMessageId,
      Instant dueAt,
      String timezone,
      Boolean delivered) {

    /** Whether it was ever claimed (it has its delivery id from then on). */
    public boolean claimed() {
      return deliveryId != 0;
    }
  }
}
