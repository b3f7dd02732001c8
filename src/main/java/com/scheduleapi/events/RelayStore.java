package com.scheduleapi.events;

import com.scheduleapi.web.Times;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The relay's state in the webhook tables: which node works an endpoint (a lease), where it is in
 * its team's events (a cursor), and the events it must try again. Times are the database's, like
 * the events' own.
 */
@Repository
class RelayStore {

  private static final String VISIBLE = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

  private final JdbcClient jdbc;

  RelayStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Leases endpoints with work: an event after their cursor, or a retry that is due. */
  List<Endpoint> claim(String node, Duration lease, int limit, Set<Long> busy) {
    return jdbc.sql(
            """
            update webhook w set lease_owner = :node,
                   lease_until = now() + :lease::interval
            where w.id in (
              select c.id from webhook c
              where (c.lease_owner is null or c.lease_until < now())
                and (c.paused_until is null or c.paused_until <= now())
                and c.id <> all(:busy::bigint[])
                and (exists (select 1 from webhook_retry r
                             where r.webhook_id = c.id and r.next_attempt_at <= now())
                     or exists (select 1 from event e
                                where e.team_id = c.team_id
                                  and (e.tx, e.id) > (c.cursor_tx, c.cursor_id)
                                  and e.tx < %s))
              order by c.id limit :limit for update skip locked)
            returning w.id, w.team_id, w.url, w.events, w.secret, w.cursor_tx, w.cursor_id,
                      w.failures
            """
                .formatted(VISIBLE))
        .param("node", node)
        .param("lease", lease.toMillis() + " milliseconds")
        .param("busy", busy.stream().mapToLong(Long::longValue).toArray())
        .param("limit", limit)
        .query(RelayStore::endpoint)
        .list();
  }

  /** Retries of this endpoint that are due, oldest first. */
  List<WebhookCalls.Pending> dueRetries(long webhookId, int limit) {
    return jdbc.sql(
            """
            select e.id, e.type, e.created_at, e.data, e.schedule_id, r.attempts
            from webhook_retry r join event e on e.id = r.event_id
            where r.webhook_id = :webhook and r.next_attempt_at <= now()
            order by r.next_attempt_at limit :limit
            """)
        .param("webhook", webhookId)
        .param("limit", limit)
        .query((rs, n) -> pending(rs, rs.getInt(6)))
        .list();
  }

  /** The team's next events after the cursor, of finished transactions only. */
  Scan fresh(Endpoint endpoint, int limit, Duration retryFor) {
    List<Scanned> rows =
        jdbc.sql(
                """
                select e.id, e.type, e.created_at, e.data, e.schedule_id, e.tx,
                       e.created_at > now() - :retry_for::interval
                from event e
                where e.team_id = :team and (e.tx, e.id) > (:cursor_tx, :cursor_id)
                  and e.tx < %s
                order by e.tx, e.id limit :limit
                """
                    .formatted(VISIBLE))
            .param("team", endpoint.teamId())
            .param("cursor_tx", endpoint.cursorTx())
            .param("cursor_id", endpoint.cursorId())
            .param("retry_for", retryFor.toMillis() + " milliseconds")
            .param("limit", limit)
            .query((rs, n) -> new Scanned(pending(rs, 0), rs.getLong(6), rs.getBoolean(7)))
            .list();
    if (rows.isEmpty()) {
      return new Scan(List.of(), endpoint.cursorTx(), endpoint.cursorId(), false);
    }
    Scanned last = rows.get(rows.size() - 1);
    List<WebhookCalls.Pending> wanted =
        rows.stream()
            .filter(r -> r.recent() && endpoint.wants(r.pending().event().type()))
            .map(Scanned::pending)
            .toList();
    return new Scan(wanted, last.tx(), last.pending().eventId(), rows.size() == limit);
  }

  /** Keeps the leases of endpoints this node is working. */
  void renew(String node, Set<Long> ids, Duration lease) {
    jdbc.sql(
            """
            update webhook set lease_until = now() + :lease::interval
            where lease_owner = :node and id = any(:ids::bigint[])
            """)
        .param("lease", lease.toMillis() + " milliseconds")
        .param("node", node)
        .param("ids", ids.stream().mapToLong(Long::longValue).toArray())
        .update();
  }

  /** Gives back every endpoint this node holds (it is stopping). */
  void releaseAll(String node) {
    jdbc.sql("update webhook set lease_owner = null, lease_until = null where lease_owner = :node")
        .param("node", node)
        .update();
  }

  private static WebhookCalls.Pending pending(ResultSet rs, int attempts) throws SQLException {
    long id = rs.getLong(1);
    return new WebhookCalls.Pending(
        new EventView(
            EventLog.ID_PREFIX + id,
            EventType.ofCode(rs.getShort(2)).apiName(),
            Times.utc(rs.getTimestamp(3).toInstant()),
            rs.getString(4),
            rs.getObject(5, Long.class)),
        id,
        attempts);
  }

  private static Endpoint endpoint(ResultSet rs, int n) throws SQLException {
    Short[] codes = (Short[]) rs.getArray("events").getArray();
    return new Endpoint(
        rs.getLong("id"),
        rs.getLong("team_id"),
        URI.create(rs.getString("url")),
        Arrays.stream(codes).map(c -> EventType.ofCode(c).apiName()).collect(Collectors.toSet()),
        rs.getBytes("secret"),
        rs.getLong("cursor_tx"),
        rs.getLong("cursor_id"),
        rs.getInt("failures"));
  }

  /** New events read: those the endpoint takes, and where the cursor goes. */
  record Scan(List<WebhookCalls.Pending> events, long cursorTx, long cursorId, boolean full) {}

  private record Scanned(WebhookCalls.Pending pending, long tx, boolean recent) {}
}
