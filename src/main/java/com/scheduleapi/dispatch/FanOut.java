package com.scheduleapi.dispatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns due schedules into deliveries: one statement claims a batch of schedules (moving them to
 * {@code sending}), and set-based inserts write one delivery per recipient, all in one transaction.
 * A list is read here, at send time; opted-out phones become {@code skipped} deliveries.
 */
@Repository
class FanOut {

  private static final TypeReference<List<String>> PHONES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Deliveries deliveries;

  FanOut(JdbcClient jdbc, JsonMapper json, Deliveries deliveries) {
    this.jdbc = jdbc;
    this.json = json;
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
              where s.dispatched_at is null
                and s.execute_at = (select min(execute_at) from schedule
                                    where dispatched_at is null and execute_at <= ?)
              limit ?) due
            """)
        .params(Timestamp.from(horizon), limit)
        .query(Integer.class)
        .single();
  }

  /**
   * Claims schedules due by {@code horizon} and writes their deliveries. The deliveries of single
   * phones, conversations and groups come back already leased to {@code node}, ready to hand over;
   * a list's may be many, so they wait in the queue for {@link Deliveries#claim}.
   */
  @Transactional
  Result claimDue(
      Instant horizon, Instant now, int limit, Duration lease, String node, Position position) {
    List<long[]> lists = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    Map<Long, Instant> due = new HashMap<>();
    Instant[] lastAt = {null};
    long[] lastId = {0};
    List<Long> singleIds = new ArrayList<>();
    List<String> singlePhones = new ArrayList<>();
    jdbc.sql(
            """
            with due as (
              select id from schedule where dispatched_at is null and execute_at <= ?
                and (execute_at, id) > (?, ?)
              order by execute_at, id limit ? for update skip locked)
            update schedule s set status = 1, dispatched_at = ?, updated_at = ?
            from due where s.id = due.id
            returning s.id, s.phone_number, s.targets, s.list_id, s.execute_at
            """)
        .params(
            Timestamp.from(horizon),
            Timestamp.from(position.executeAt()),
            position.id(),
            limit,
            Timestamp.from(now),
            Timestamp.from(now))
        .query(
            rs -> {
              long id = rs.getLong(1);
              ids.add(id);
              Instant at = rs.getTimestamp(5).toInstant();
              due.put(id, at);
              if (lastAt[0] == null
                  || at.isAfter(lastAt[0])
                  || (at.equals(lastAt[0]) && id > lastId[0])) {
                lastAt[0] = at;
                lastId[0] = id;
              }
              if (rs.getString(2) != null) {
                singleIds.add(id);
                singlePhones.add(rs.getString(2));
              } else if (rs.getString(3) != null) {
                singleIds.add(id);
                singlePhones.add(String.join(",", json.readValue(rs.getString(3), PHONES)));
              } else {
                lists.add(new long[] {id, rs.getLong(4)});
              }
            });
    if (ids.size() == limit) {
      position.moveTo(lastAt[0], lastId[0]);
    } else {
      position.reset();
    }
    if (ids.isEmpty()) {
      return new Result(0, 0, 0, List.of());
    }
    List<Deliveries.Claimed> leased = new ArrayList<>();
    Counts counts = insertSingles(singleIds, singlePhones, now, lease, node, due, leased);
    if (!lists.isEmpty()) {
      counts = counts.plus(insertLists(lists.stream().mapToLong(l -> l[0]).toArray()));
    }
    // Only a schedule left without a pending delivery (all opted out, an empty list, or rows
    // written by an earlier fan-out) can be finished here; in the common case none is, and the
    // statement would only cost a scan.
    if (!lists.isEmpty() || counts.skipped() > 0 || counts.total() != singleIds.size()) {
      deliveries.finish(ids, now);
    }
    return new Result(ids.size(), counts.total(), counts.skipped(), leased);
  }

  private Counts insertSingles(
      List<Long> ids,
      List<String> phones,
      Instant now,
      Duration lease,
      String node,
      Map<Long, Instant> due,
      List<Deliveries.Claimed> leased) {
    if (ids.isEmpty()) {
      return new Counts(0, 0);
    }
    int[] skipped = {0};
    jdbc.sql(
            """
            insert into delivery (schedule_id, recipient, idempotency_key, status, error, attempts,
                                  lease_owner, next_attempt_at)
            select s.id, u.phone, gen_random_uuid(), case when c.opted_out then 3 else 0 end,
                   case when c.opted_out then 'opted out' end,
                   case when c.opted_out then 0 else 1 end,
                   case when c.opted_out then null else ? end,
                   case when c.opted_out then null
                        else greatest(s.execute_at, ?::timestamptz) + ?::interval end
            from unnest(?::bigint[], ?::text[]) as u(id, phone)
            join schedule s on s.id = u.id
            left join contact c on c.team_id = s.team_id and c.phone = u.phone
            returning id, schedule_id, recipient, idempotency_key, status
            """)
        .params(
            node,
            Timestamp.from(now),
            lease.toMillis() + " milliseconds",
            ids.stream().mapToLong(Long::longValue).toArray(),
            phones.toArray(String[]::new))
        .query(
            rs -> {
              if (rs.getShort(5) == 3) {
                skipped[0]++;
              } else {
                leased.add(
                    new Deliveries.Claimed(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getObject(4, UUID.class),
                        1,
                        due.get(rs.getLong(2)),
                        null));
              }
            });
    return new Counts(leased.size() + skipped[0], skipped[0]);
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
