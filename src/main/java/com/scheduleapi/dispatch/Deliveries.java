package com.scheduleapi.dispatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deliveries under a lease: the delivery table as a queue (a list's phones, and retries), and the
 * single-recipient schedules that are their own delivery. Outcomes are written back in one
 * statement per batch and kind; schedules whose deliveries are all done are closed.
 */
@Repository
class Deliveries {

  private final JdbcClient jdbc;

  Deliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims up to {@code limit} pending deliveries due by {@code horizon}, and leased ones whose
   * lease has run out (a lease is a next_attempt_at in the future with a lease_owner): their
   * next_attempt_at moves one lease past their instant, so a node that dies holding them loses them
   * then.
   */
  List<Claimed> claim(Instant horizon, Instant now, Duration lease, String node, int limit) {
    return jdbc.sql(
            """
            with due as (
              select id, next_attempt_at, lease_owner from delivery
              where status = 0 and next_attempt_at <= ?
                and (lease_owner is null or next_attempt_at <= ?)
              order by next_attempt_at, id limit ? for update skip locked)
            update delivery d
            set next_attempt_at = greatest(due.next_attempt_at, ?::timestamptz) + ?::interval,
                lease_owner = ?, attempts = d.attempts + 1
            from due where d.id = due.id
            returning d.id, d.schedule_id, d.recipient, d.idempotency_key, d.attempts,
                      due.next_attempt_at, due.lease_owner
            """)
        .params(
            Timestamp.from(horizon),
            Timestamp.from(now),
            limit,
            Timestamp.from(now),
            lease.toMillis() + " milliseconds",
            node)
        .query(
            (rs, n) ->
                new Claimed(
                    rs.getLong(1),
                    rs.getLong(2),
                    false,
                    rs.getString(3),
                    rs.getObject(4, UUID.class),
                    rs.getInt(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getString(7)))
        .list();
  }

  /**
   * Writes a batch of outcomes, and in the same statement closes the schedules that have only one
   * delivery (a phone, a conversation, a group). Rows whose lease this node no longer holds are
   * left alone. Answers how many rows were written and which list schedules may now be done.
   */
  Recorded record(List<Outcome> outcomes, String node, Instant now) {
    // One lock order for every writer: by delivery id (a single's delivery id is its schedule's).
    outcomes = outcomes.stream().sorted(Comparator.comparingLong(Outcome::deliveryId)).toList();
    List<Outcome> onSchedule = outcomes.stream().filter(Outcome::onSchedule).toList();
    List<Outcome> queued = outcomes.stream().filter(o -> !o.onSchedule()).toList();
    int written =
        recordOnSchedule(onSchedule.stream().filter(Outcome::isFinal).toList(), node, now)
            + moveToQueue(onSchedule.stream().filter(o -> !o.isFinal()).toList(), node, now);
    Recorded inQueue = recordQueued(queued, node, now);
    return new Recorded(written + inQueue.written(), inQueue.listSchedules());
  }

  /**
   * The outcome of a single-recipient schedule, written onto the schedule, which it closes. Rows
   * whose lease this node no longer holds are left alone.
   */
  private int recordOnSchedule(List<Outcome> outcomes, String node, Instant now) {
    if (outcomes.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            update schedule s
            set status = case when u.status = 1 then 2 else 4 end, dispatched_at = ?,
                recipients = 1, sent = (u.status = 1)::int, failed = (u.status = 2)::int,
                skipped = (u.status = 3)::int, error = u.error, sent_at = u.sent_at::timestamptz,
                provider_message_id = u.provider_id, lease_owner = null, lease_until = null,
                updated_at = ?
            from unnest(?::bigint[], ?::smallint[], ?::text[], ?::text[], ?::text[])
                 as u(id, status, error, sent_at, provider_id)
            where s.id = u.id and s.lease_owner = ? and s.dispatched_at is null
            """)
        .params(
            Timestamp.from(now),
            Timestamp.from(now),
            outcomes.stream().mapToLong(Outcome::scheduleId).toArray(),
            outcomes.stream().mapToInt(Outcome::status).toArray(),
            outcomes.stream().map(Outcome::error).toArray(String[]::new),
            outcomes.stream().map(o -> text(o.sentAt())).toArray(String[]::new),
            outcomes.stream().map(Outcome::providerMessageId).toArray(String[]::new),
            node)
        .update();
  }

  /**
   * A single-recipient schedule whose attempt is to be retried becomes a delivery row, with its
   * delivery id, idempotency key and attempts, due at its next attempt: retries go through the
   * queue like a list's.
   */
  private int moveToQueue(List<Outcome> outcomes, String node, Instant now) {
    if (outcomes.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            with moved as (
              update schedule s set dispatched_at = ?, lease_owner = null, lease_until = null,
                     updated_at = ?
              from unnest(?::bigint[], ?::text[], ?::text[]) as u(id, error, next_at)
              where s.id = u.id and s.lease_owner = ? and s.dispatched_at is null
              returning s.id, s.delivery_id, s.idempotency_key, s.attempts, s.phone_number,
                        s.targets, u.error, u.next_at)
            insert into delivery (id, schedule_id, recipient, idempotency_key, status, attempts,
                                  error, next_attempt_at)
            select m.delivery_id, m.id, schedule_recipient(m.phone_number, m.targets),
                   m.idempotency_key, 0, m.attempts, m.error, m.next_at::timestamptz
            from moved m
            """)
        .params(
            Timestamp.from(now),
            Timestamp.from(now),
            outcomes.stream().mapToLong(Outcome::scheduleId).toArray(),
            outcomes.stream().map(Outcome::error).toArray(String[]::new),
            outcomes.stream().map(o -> text(o.nextAttemptAt())).toArray(String[]::new),
            node)
        .update();
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Opted-out phones of single-recipient schedules just claimed: skipped, nothing to send. */
  void skipOptedOut(List<Long> scheduleIds, String node, Instant now) {
    jdbc.sql(
            """
            update schedule
            set status = 4, dispatched_at = ?, recipients = 1, sent = 0, failed = 0, skipped = 1,
                attempts = 0, error = 'opted out', lease_owner = null, lease_until = null,
                updated_at = ?
            where id = any(?) and lease_owner = ?
            """)
        .params(
            Timestamp.from(now),
            Timestamp.from(now),
            scheduleIds.stream().mapToLong(Long::longValue).toArray(),
            node)
        .update();
  }

  private Recorded recordQueued(List<Outcome> outcomes, String node, Instant now) {
    if (outcomes.isEmpty()) {
      return new Recorded(0, List.of());
    }
    int n = outcomes.size();
    long[] ids = new long[n];
    int[] statuses = new int[n];
    String[] errors = new String[n];
    String[] sentAt = new String[n];
    String[] providerIds = new String[n];
    String[] next = new String[n];
    for (int i = 0; i < n; i++) {
      Outcome o = outcomes.get(i);
      ids[i] = o.deliveryId();
      statuses[i] = o.status();
      errors[i] = o.error();
      sentAt[i] = o.sentAt() == null ? null : o.sentAt().toString();
      providerIds[i] = o.providerMessageId();
      next[i] = o.nextAttemptAt() == null ? null : o.nextAttemptAt().toString();
    }
    List<Long> listSchedules = new ArrayList<>();
    int[] written = {0};
    jdbc.sql(
            """
            with written as (
              update delivery d set status = u.status, error = u.error,
                     sent_at = u.sent_at::timestamptz, provider_message_id = u.provider_id,
                     next_attempt_at = u.next_at::timestamptz, lease_owner = null
              from unnest(?::bigint[], ?::smallint[], ?::text[], ?::text[], ?::text[], ?::text[])
                   as u(id, status, error, sent_at, provider_id, next_at)
              where d.id = u.id and d.lease_owner = ?
              returning d.schedule_id, d.status),
            closed as (
              update schedule s
              set status = case when w.status = 1 then 2 else 4 end, recipients = 1,
                  sent = (w.status = 1)::int, failed = (w.status = 2)::int,
                  skipped = (w.status = 3)::int, updated_at = ?
              from written w
              where s.id = w.schedule_id and w.status <> 0 and s.list_id is null and s.status = 1
              returning s.id)
            select 0, count(*) from written
            union all
            select distinct 1, w.schedule_id from written w
            where w.status <> 0 and w.schedule_id not in (select id from closed)
            """)
        .params(ids, statuses, errors, sentAt, providerIds, next, node, Timestamp.from(now))
        .query(
            rs -> {
              if (rs.getInt(1) == 0) {
                written[0] = rs.getInt(2);
              } else {
                listSchedules.add(rs.getLong(2));
              }
            });
    return new Recorded(written[0], listSchedules);
  }

  /**
   * Keeps this node's claims alive while it holds them: leases that would run out within a quarter
   * of a lease are pushed one lease ahead. A node that dies stops renewing, and its work comes due.
   * Claimed schedules are due by {@code horizon}, which bounds the search for them.
   */
  int renewLeases(String node, Instant now, Duration lease, Instant horizon) {
    // Rows locked by a write-back or a claim are skipped (they are being settled), which also
    // keeps these statements out of lock waits and deadlocks.
    Timestamp until = Timestamp.from(now.plus(lease));
    Timestamp soon = Timestamp.from(now.plus(lease.multipliedBy(3).dividedBy(4)));
    return jdbc.sql(
                """
                update schedule s set lease_until = ?
                where s.id in (
                  select id from schedule
                  where dispatched_at is null and execute_at <= ? and lease_owner = ?
                    and lease_until < ?
                  order by id for update skip locked)
                """)
            .params(until, Timestamp.from(horizon), node, soon)
            .update()
        + jdbc.sql(
                """
                update delivery d set next_attempt_at = ?
                where d.id in (
                  select id from delivery
                  where status = 0 and next_attempt_at < ? and lease_owner = ?
                  order by id for update skip locked)
                """)
            .params(until, soon, node)
            .update();
  }

  /** Gives claimed deliveries back, due at their instant again, as if never claimed. */
  int release(List<Claimed> claimed, String node, Instant now) {
    List<Claimed> onSchedule = claimed.stream().filter(Claimed::onSchedule).toList();
    List<Claimed> queued = claimed.stream().filter(c -> !c.onSchedule()).toList();
    return jdbc.sql(
                """
                update schedule s
                set lease_owner = null, lease_until = null, attempts = s.attempts - 1,
                    status = case when s.attempts = 1 then 0 else s.status end, updated_at = ?
                where s.id = any(?) and s.lease_owner = ? and s.dispatched_at is null
                """)
            .params(
                Timestamp.from(now),
                onSchedule.stream().mapToLong(Claimed::scheduleId).toArray(),
                node)
            .update()
        + jdbc.sql(
                """
                update delivery d set next_attempt_at = u.due::timestamptz, lease_owner = null,
                       attempts = d.attempts - 1
                from unnest(?::bigint[], ?::text[]) as u(id, due)
                where d.id = u.id and d.lease_owner = ? and d.status = 0
                """)
            .params(
                queued.stream().mapToLong(Claimed::id).toArray(),
                queued.stream().map(c -> c.due().toString()).toArray(String[]::new),
                node)
            .update();
  }

  /**
   * Gives each schedule whose deliveries are all done its final status and counts. Safe to call for
   * schedules still in progress (nothing happens) and from several nodes at once.
   */
  void finish(Collection<Long> scheduleIds, Instant now) {
    if (scheduleIds.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            with done as (
              select s.id from schedule s
              where s.id = any(?) and s.status = 1
                and not exists (select 1 from delivery d where d.schedule_id = s.id and d.status = 0)),
            counts as (
              select d.schedule_id, count(*) as total,
                     count(*) filter (where d.status = 1) as sent,
                     count(*) filter (where d.status = 2) as failed,
                     count(*) filter (where d.status = 3) as skipped
              from delivery d join done on d.schedule_id = done.id group by d.schedule_id)
            update schedule s
            set status = case when coalesce(c.sent, 0) = 0 then 4
                              when coalesce(c.failed, 0) > 0 then 3 else 2 end,
                recipients = coalesce(c.total, 0), sent = coalesce(c.sent, 0),
                failed = coalesce(c.failed, 0), skipped = coalesce(c.skipped, 0), updated_at = ?
            from done left join counts c on c.schedule_id = done.id
            where s.id = done.id
            """)
        .params(scheduleIds.stream().mapToLong(Long::longValue).toArray(), Timestamp.from(now))
        .update();
  }

  /**
   * Makes the leased work of nodes that stopped checking in with the Quartz cluster due now, so
   * another node takes it over without waiting for the lease to run out. Leased schedules are due
   * by {@code horizon}, which bounds the search for them.
   */
  int releaseLeasesOfDeadNodes(String schedulerName, Instant now, Instant horizon) {
    String alive =
        """
        select instance_name from qrtz_scheduler_state
        where sched_name = ? and last_checkin_time + 3 * checkin_interval >= ?
        """;
    return jdbc.sql(
                """
                update schedule set lease_until = ?
                where dispatched_at is null and execute_at <= ? and lease_owner is not null
                  and lease_until > ? and lease_owner not in (%s)
                """
                    .formatted(alive))
            .params(
                Timestamp.from(now),
                Timestamp.from(horizon),
                Timestamp.from(now),
                schedulerName,
                now.toEpochMilli())
            .update()
        + jdbc.sql(
                """
                update delivery set next_attempt_at = ?
                where status = 0 and lease_owner is not null and next_attempt_at > ?
                  and lease_owner not in (%s)
                """
                    .formatted(alive))
            .params(Timestamp.from(now), Timestamp.from(now), schedulerName, now.toEpochMilli())
            .update();
  }

  /** What writing outcomes did: rows written, and list schedules to {@link #finish}. */
  record Recorded(int written, List<Long> listSchedules) {}

  /**
   * A delivery this node now holds. {@code onSchedule}: the delivery of a single-recipient
   * schedule, leased and settled on the schedule row itself. {@code previousOwner} is set when a
   * lease was taken over.
   */
  record Claimed(
      long id,
      long scheduleId,
      boolean onSchedule,
      String recipient,
      UUID idempotencyKey,
      int attempts,
      Instant due,
      String previousOwner) {

    Outcome outcome(
        int status, String error, Instant sentAt, String providerMessageId, Instant nextAttemptAt) {
      return new Outcome(
          id, scheduleId, onSchedule, status, error, sentAt, providerMessageId, nextAttemptAt);
    }
  }

  /**
   * What to write back for one delivery.
   *
   * @param status 0 pending (retry at nextAttemptAt), 1 sent, 2 failed
   */
  record Outcome(
      long deliveryId,
      long scheduleId,
      boolean onSchedule,
      int status,
      String error,
      Instant sentAt,
      String providerMessageId,
      Instant nextAttemptAt) {

    boolean isFinal() {
      return status != 0;
    }
  }
}
