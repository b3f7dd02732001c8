package com.scheduleapi.dispatch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  /** Claims schedules due by {@code horizon} and writes their deliveries. */
  @Transactional
  Result claimDue(Instant horizon, Instant now, int limit) {
    List<long[]> lists = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<Long> singleIds = new ArrayList<>();
    List<String> singlePhones = new ArrayList<>();
    jdbc.sql(
            """
            with due as (
              select id from schedule where status = 0 and execute_at <= ?
              order by execute_at, id limit ? for update skip locked)
            update schedule s set status = 1, updated_at = ? from due where s.id = due.id
            returning s.id, s.phone_number, s.targets, s.list_id
            """)
        .params(Timestamp.from(horizon), limit, Timestamp.from(now))
        .query(
            rs -> {
              long id = rs.getLong(1);
              ids.add(id);
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
    if (ids.isEmpty()) {
      return new Result(0, 0, 0);
    }
    Counts counts = insertSingles(singleIds, singlePhones);
    if (!lists.isEmpty()) {
      counts = counts.plus(insertLists(lists.stream().mapToLong(l -> l[0]).toArray()));
    }
    // Only a schedule left without a pending delivery (all opted out, an empty list, or rows
    // written by an earlier fan-out) can be finished here; in the common case none is, and the
    // statement would only cost a scan.
    if (!lists.isEmpty() || counts.skipped() > 0 || counts.total() != singleIds.size()) {
      deliveries.finish(ids, now);
    }
    return new Result(ids.size(), counts.total(), counts.skipped());
  }

  private Counts insertSingles(List<Long> ids, List<String> phones) {
    if (ids.isEmpty()) {
      return new Counts(0, 0);
    }
    return jdbc.sql(
            """
            with written as (
              insert into delivery (schedule_id, recipient, idempotency_key, status, error,
                                    next_attempt_at)
              select s.id, u.phone, gen_random_uuid(), case when c.opted_out then 3 else 0 end,
                     case when c.opted_out then 'opted out' end, s.execute_at
              from unnest(?::bigint[], ?::text[]) as u(id, phone)
              join schedule s on s.id = u.id
              left join contact c on c.team_id = s.team_id and c.phone = u.phone
              on conflict (schedule_id, recipient) do nothing
              returning status)
            select count(*), count(*) filter (where status = 3) from written
            """)
        .params(ids.stream().mapToLong(Long::longValue).toArray(), phones.toArray(String[]::new))
        .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2)))
        .single();
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
              on conflict (schedule_id, recipient) do nothing
              returning status)
            select count(*), count(*) filter (where status = 3) from written
            """)
        .param(scheduleIds)
        .query((rs, n) -> new Counts(rs.getInt(1), rs.getInt(2)))
        .single();
  }

  /** What one fan-out did: schedules claimed, deliveries written, of which skipped. */
  record Result(int schedules, int deliveries, int skipped) {}

  private record Counts(int total, int skipped) {
    Counts plus(Counts other) {
      return new Counts(total + other.total, skipped + other.skipped);
    }
  }
}
