package com.scheduleapi.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The schedule table as the dispatcher sees it, and the one place that changes a schedule's
 * dispatch columns. A schedule with one recipient (a phone, a conversation, a group message) is its
 * own delivery: it is leased, attempted and settled on its own row, two row writes per message. A
 * list is marked dispatched when claimed; its deliveries live in the dispatcher's queue. With
 * {@link ScheduleOutcomes}, the only code that changes a schedule's dispatch columns.
 */
@Repository
public class DueSchedules {

  private final JdbcClient jdbc;

  DueSchedules(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The unclaimed schedules of the instant due first by {@code :horizon}, up to {@code :limit}.
   * Written so that only the index on due_at is read: with every future row at one instant (a
   * team's 09:00) the planner expects an equality on due_at to match them all, and the plain form
   * of this statement scanned the whole table on every poll, 63 ms at 230,000 rows, even with
   * nothing due.
   */
  static final String NEXT_INSTANT =
      """
      select s.list_id
      from (select min(due_at) as at from schedule
            where dispatched_at is null and lease_owner is null and due_at <= :horizon) n
      cross join lateral (
        select list_id from schedule
        where dispatched_at is null and lease_owner is null and due_at >= n.at and due_at <= n.at
        order by due_at, id
        limit :limit) s
      """;

  /**
   * The unclaimed schedules of the next instant due by {@code horizon}, up to {@code limit}: how
   * many singles, and which lists (a caller weighs a list by its phones).
   */
  public NextInstant nextInstant(Instant horizon, int limit) {
    List<Long> listIds =
        jdbc.sql(NEXT_INSTANT)
            .param("horizon", Timestamp.from(horizon))
            .param("limit", limit)
            .query((rs, n) -> rs.getObject(1, Long.class))
            .list();
    return new NextInstant(
        (int) listIds.stream().filter(id -> id == null).count(),
        listIds.stream().filter(id -> id != null).toList());
  }

  /**
   * Claims schedules due by the horizon, fairly: in turns between the inboxes with due work (found
   * by a skip scan of the inbox index, one probe per inbox), each inbox's in due order after its
   * cursor, skipping the inboxes named; and those whose owner left the cluster once their lease ran
   * out. Singles come back leased to the node; lists come back marked dispatched, for their phones
   * to be queued in the same transaction.
   */
  public List<Claimed> claim(Claim claim) {
    return bind(jdbc.sql(ScheduleStatus.sql(FairClaim.SQL)), claim)
        .query(DueSchedules::claimed)
        .list();
  }

  /** The claim's parameters, bound to {@link FairClaim#SQL} (or its {@code explain}). */
  static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Claim claim) {
    return statement
        .param("horizon", Timestamp.from(claim.horizon()))
        .param("skip", claim.skipInboxes().stream().mapToLong(Long::longValue).toArray())
        .param("cursor_inboxes", claim.cursors().stream().mapToLong(InboxCursor::inboxId).toArray())
        .param(
            "cursor_at",
            claim.cursors().stream().map(c -> c.at().toString()).toArray(String[]::new))
        .param("cursor_ids", claim.cursors().stream().mapToLong(InboxCursor::id).toArray())
        .param("takeover", claim.takeover())
        .param("now", Timestamp.from(claim.now()))
        .param("live", claim.liveNodes().toArray(String[]::new))
        .param("limit", claim.limit())
        .param("node", claim.node())
        .param("lease", claim.lease().toMillis() + " milliseconds");
  }

  private static Claimed claimed(ResultSet rs, int n) throws SQLException {
    return new Claimed(
        rs.getLong("id"),
        rs.getLong("team_id"),
        rs.getObject("list_id", Long.class),
        rs.getTimestamp("due_at").toInstant(),
        rs.getObject("delivery_id", Long.class),
        rs.getObject("idempotency_key", UUID.class),
        rs.getInt("attempts"),
        rs.getString("lease_owner"),
        rs.getString("phone_number"),
        rs.getString(10),
        rs.getBoolean("local_time_missed"),
        rs.getLong("inbox_id"));
  }

  /**
   * Renews the leases of the rows named that are still this node's, to {@code until}. Rows locked
   * by a settle under way are skipped, not waited for: the settle ends the lease anyway.
   */
  public Renewal renewLeases(long[] ids, String node, Instant until) {
    Renewal renewal = new Renewal(new ArrayList<>(), new HashSet<>());
    jdbc.sql(LeaseRenewal.SQL)
        .param("ids", ids)
        .param("node", node)
        .param("until", Timestamp.from(until))
        .query(
            rs -> {
              (rs.getBoolean(2) ? renewal.renewed() : renewal.kept()).add(rs.getLong(1));
            });
    return renewal;
  }

  /**
   * Rows whose lease was renewed, and rows still leased here that were not (locked); the delivery
   * queue answers its renewals the same way.
   */
  public record Renewal(List<Long> renewed, Set<Long> kept) {}

  /** Gives claimed singles back, due at their instant again, as if never claimed. */
  public int release(List<Long> scheduleIds, String node, Instant now) {
    return jdbc.sql(
            ScheduleStatus.sql(
                """
                update schedule s
                set lease_owner = null, lease_until = null, attempts = s.attempts - 1,
                    status = case when s.attempts = 1 then {schedule.scheduled} else s.status end,
                    updated_at = :now
                where s.id = any(:ids::bigint[]) and s.lease_owner = :node
                  and s.dispatched_at is null
                """))
        .param("now", Timestamp.from(now))
        .param("ids", scheduleIds.stream().mapToLong(Long::longValue).toArray())
        .param("node", node)
        .update();
  }

  /** What the sender needs of claimed schedules, one query for a batch. */
  public Map<Long, Content> contents(Collection<Long> scheduleIds) {
    Map<Long, Content> contents = new HashMap<>();
    jdbc.sql(
            """
            select id, team_id, inbox_id, user_id, content, list_id, targets is not null,
                   execute_at, local_time, send_past, expire_at
            from schedule where id = any(:ids::bigint[])
            """)
        .param("ids", scheduleIds.stream().mapToLong(Long::longValue).toArray())
        .query(
            rs -> {
              contents.put(
                  rs.getLong(1),
                  new Content(
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      rs.getString(5),
                      rs.getObject(6, Long.class),
                      rs.getBoolean(7),
                      new Timing(
                          rs.getTimestamp(8).toInstant(),
                          rs.getObject(9, LocalDateTime.class),
                          rs.getBoolean(10),
                          rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant())));
            });
    return contents;
  }

  /** A claimed schedule's message: its content as stored JSON, whom it goes to, and when. */
  public record Content(
      long teamId,
      long inboxId,
      long userId,
      String content,
      Long listId,
      boolean group,
      Timing timing) {}

  /**
   * When a schedule's deliveries are due, as a list's fan-out plans each phone: its instant or
   * local time, whether a passed local time is still sent, and its expiry (null: never).
   */
  public record Timing(
      Instant executeAt, LocalDateTime localTime, boolean sendPast, Instant expireAt) {}

  /** The unclaimed schedules of the next due instant: singles counted, lists named. */
  public record NextInstant(int singles, List<Long> listIds) {}

  /**
   * What to claim: up to {@code limit} due by the horizon, each inbox's after its cursor, none of
   * the inboxes to skip (paced inboxes held to their limit, inboxes a provider slowed down).
   */
  public record Claim(
      Instant horizon,
      Instant now,
      int limit,
      Duration lease,
      String node,
      List<InboxCursor> cursors,
      List<Long> skipInboxes,
      boolean takeover,
      List<String> liveNodes) {}

  /** Where the last full share of an inbox's claim ended. */
  public record InboxCursor(long inboxId, Instant at, long id) {}

  /**
   * A claimed schedule, {@code due} at its planned instant (a list: its fan-out). A single has its
   * delivery id, key and attempts; a list has its list id. {@code previousOwner} is set when a
   * lease was taken over; {@code localTimeMissed}: a single to settle as expired, unsent.
   */
  public record Claimed(
      long id,
      long teamId,
      Long listId,
      Instant due,
      Long deliveryId,
      UUID idempotencyKey,
      int attempts,
      String previousOwner,
      String phoneNumber,
      String recipient,
      boolean localTimeMissed,
      long inboxId) {}
}
