package com.scheduleapi.dispatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims due schedules in one statement (moving them to {@code sending}). A schedule with one
 * recipient is leased as it is; a list fans out into one delivery row per phone in the same
 * transaction. A list is read here, at send time; opted-out phones become {@code skipped}.
 */
@Repository
class FanOut {

  private final JdbcClient jdbc;
  private final Deliveries deliveries;

  FanOut(JdbcClient jdbc, Deliveries deliveries) {
    this.jdbc = jdbc;
    this.deliveries = deliveries;
  }

  /**
   * How many deliveries the next instant with unclaimed schedules (by {@code horizon}) will make,
   * counting up to {@code limit}: a list counts its phones, so one broadcast to many is a burst
   * too. Only one instant counts, so a steady stream of small instants is never taken for a burst.
   */
  int dueCount(Instant horizon, int limit) {
    return jdbc.sql(
            """
            select count(*) from (
              select 1 from schedule s
              left join contact_list_phone p on p.list_id = s.list_id
              where s.dispatched_at is null and s.lease_owner is null
                and s.execute_at = (select min(execute_at) from schedule
                                    where dispatched_at is null and lease_owner is null
                                      and execute_at <= ?)
              limit ?) due
            """)
        .params(Timestamp.from(horizon), limit)
        .query(Integer.class)
        .single();
  }

  /**
   * Claims schedules due by {@code horizon}, and schedules whose lease ran out. A schedule with one
   * recipient (a phone, a conversation, a group) is its own delivery: it comes back leased to
   * {@code node}, ready to hand over, without a delivery row. A list's deliveries may be many, so
   * they are written to the delivery queue for {@link Deliveries#claim}.
   */
  @Transactional
  Result claimDue(
      Instant horizon, Instant now, int limit, Duration lease, String node, Position position) {
    List<Long> lists = new ArrayList<>();
    List<Long> optedOut = new ArrayList<>();
    List<Deliveries.Claimed> leased = new ArrayList<>();
    int[] claimed = {0};
    Instant[] lastAt = {null};
    long[] lastId = {0};
    jdbc.sql(
            """
            with due as (
              select id, lease_owner from schedule
              where dispatched_at is null and execute_at <= ? and (execute_at, id) > (?, ?)
                and (lease_until is null or lease_until <= ?)
              order by execute_at, id limit ? for update skip locked)
            update schedule s
            set status = 1, updated_at = ?,
                dispatched_at = case when s.list_id is not null then ?::timestamptz end,
                lease_owner = case when s.list_id is null then ? end,
                lease_until = case when s.list_id is null
                                   then greatest(s.execute_at, ?::timestamptz) + ?::interval end,
                attempts = s.attempts + (s.list_id is null)::int,
                idempotency_key = coalesce(s.idempotency_key, gen_random_uuid()),
                delivery_id = case when s.list_id is null
                                   then coalesce(s.delivery_id, nextval('delivery_id_seq')) end
            from due where s.id = due.id
            returning s.id, s.list_id, s.execute_at, s.delivery_id, s.idempotency_key, s.attempts,
                      due.lease_owner, schedule_recipient(s.phone_number, s.targets),
                      exists (select 1 from contact c
                              where c.team_id = s.team_id and c.phone = s.phone_number
                                and c.opted_out)
            """)
        .params(
            Timestamp.from(horizon),
            Timestamp.from(position.executeAt()),
            position.id(),
            Timestamp.from(now),
            limit,
            Timestamp.from(now),
            Timestamp.from(now),
            node,
            Timestamp.from(now),
            lease.toMillis() + " milliseconds")
        .query(
            rs -> {
              claimed[0]++;
              long id = rs.getLong(1);
              Instant at = rs.getTimestamp(3).toInstant();
              if (lastAt[0] == null
                  || at.isAfter(lastAt[0])
                  || (at.equals(lastAt[0]) && id > lastId[0])) {
                lastAt[0] = at;
                lastId[0] = id;
              }
              if (rs.getObject(2) != null) {
                lists.add(id);
              } else if (rs.getBoolean(9)) {
                optedOut.add(id);
              } else {
                leased.add(
                    new Deliveries.Claimed(
                        rs.getLong(4),
                        id,
                        true,
                        rs.getString(8),
                        rs.getObject(5, UUID.class),
                        rs.getInt(6),
                        at,
                        rs.getString(7)));
              }
            });
    if (claimed[0] == limit) {
      position.moveTo(lastAt[0], lastId[0]);
    } else {
      position.reset();
    }
    if (claimed[0] == 0) {
      return new Result(0, 0, 0, List.of());
    }
    Counts counts = new Counts(leased.size(), 0);
    if (!optedOut.isEmpty()) {
      deliveries.skipOptedOut(optedOut, node, now);
      counts = counts.plus(new Counts(optedOut.size(), optedOut.size()));
    }
    if (!lists.isEmpty()) {
      counts = counts.plus(insertLists(lists.stream().mapToLong(Long::longValue).toArray()));
      // A list left without a pending delivery (all opted out, or empty) is done at once.
      deliveries.finish(lists, now);
    }
    return new Result(claimed[0], counts.total(), counts.skipped(), leased);
  }

  private Counts insertLists(long[] scheduleIds) {
    return jdbc.sql(
            """
            with written as (
              insert into delivery (schedule_id, recipient, idempotency_key, status, error,
                                    next_attempt_at)
              select s.id, p.phone, gen_random_uuid(), case when c.opted_out then 3 else 0 end,
                     case when c.opted_out then 'opted out' end, s.execute_at
              from schedule s
              join contact_list l on l.id = s.list_id and l.team_id = s.team_id
              join contact_list_phone p on p.list_id = l.id
              left join contact c on c.team_id = s.team_id and c.phone = p.phone
              where s.id = any(?)
              returning status)
            select count(*), count(*) filter (where status = 3) from written
            """)
        .param(scheduleIds)
        .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2)))
        .single();
  }

  /**
   * Where a claimer's last full claim ended. The due index keeps entries of claimed rows until
   * vacuum, so in a burst each claim starts after the last one instead of wading through them
   * again; a claim that is not full starts over from the beginning next time.
   */
  static final class Position {

    private static final Instant START = Instant.EPOCH.minusSeconds(86_400L * 365 * 100);
    private Instant executeAt = START;
    private long id;

    void moveTo(Instant executeAt, long id) {
      this.executeAt = executeAt;
      this.id = id;
    }

    void reset() {
      moveTo(START, 0);
    }

    boolean isSet() {
      return !executeAt.equals(START);
    }

    Instant executeAt() {
      return executeAt;
    }

    long id() {
      return id;
    }
  }

  /**
   * What one fan-out did: schedules claimed, deliveries written, of which skipped, and the
   * deliveries now leased to this node.
   */
  record Result(int schedules, int deliveries, int skipped, List<Deliveries.Claimed> leased) {}

  private record Counts(int total, int skipped) {
    Counts plus(Counts other) {
      return new Counts(total + other.total, skipped + other.skipped);
    }
  }
}
