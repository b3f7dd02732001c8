package com.scheduleapi.events;

import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@code GET /v1/events}: a team's events oldest first, paged by keyset. Only events of
 * transactions older than every transaction still running are shown, in (transaction, id) order, so
 * an event that commits late never lands behind a cursor a client already holds.
 */
@Service
class EventLog {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final String ID_PREFIX = "evt_";

  private final JdbcClient jdbc;
  private final EventData data;

  EventLog(JdbcClient jdbc, EventData data) {
    this.jdbc = jdbc;
    this.data = data;
  }

  EventView.Page page(long teamId, Map<String, String> query) {
    FieldChecks checks = new FieldChecks();
    List<Short> types = new ArrayList<>();
    String type = query.get("type");
    if (type != null) {
      for (String name : type.split(",")) {
        EventType.ofApiName(name.trim())
            .ifPresentOrElse(
                t -> types.add(t.code()),
                () -> checks.reject("type", "'" + name.trim() + "' is not an event type"));
      }
    }
    int limit = DEFAULT_LIMIT;
    if (query.get("limit") != null) {
      try {
        limit = Integer.parseInt(query.get("limit").trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        checks.reject("limit", "must be an integer between 1 and " + MAX_LIMIT);
      }
    }
    Optional<Long> after = Optional.empty();
    if (query.get("after") != null) {
      after = idOf(query.get("after"));
      if (after.isEmpty()) {
        checks.reject("after", "must be an event id such as evt_123, as an event gave it");
      }
    }
    checks.throwIfAny();
    List<EventView> items = data.complete(read(teamId, after.orElse(0L), types, limit + 1));
    boolean more = items.size() > limit;
    List<EventView> page = more ? items.subList(0, limit) : items;
    return new EventView.Page(page, more ? page.get(page.size() - 1).id() : null);
  }

  private List<EventView> read(long teamId, long afterId, List<Short> types, int limit) {
    // Where the cursor's event stands in (tx, id) order; an event gone (kept-for ran out, or
    // another team's) starts from the oldest kept.
    return jdbc.sql(
            """
            with after as (
              select coalesce((select tx from event where id = :after and team_id = :team), -1) as tx)
            select e.id, e.type, e.created_at, e.data, e.schedule_id from event e, after a
            where e.team_id = :team and (e.tx, e.id) > (a.tx, :after)
              and e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
              and (cardinality(:types::smallint[]) = 0 or e.type = any(:types::smallint[]))
            order by e.tx, e.id limit :limit
            """)
        .param("after", afterId)
        .param("team", teamId)
        .param("types", types.stream().mapToInt(Short::intValue).toArray())
        .param("limit", limit)
        .query(
            (rs, n) ->
                new EventView(
                    ID_PREFIX + rs.getLong(1),
                    EventType.ofCode(rs.getShort(2)).apiName(),
                    Times.utc(rs.getTimestamp(3).toInstant()),
                    rs.getString(4),
                    rs.getObject(5, Long.class)))
        .list();
  }

  static Optional<Long> idOf(String id) {
    String value = id.trim();
    if (!value.startsWith(ID_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.substring(ID_PREFIX.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
