package com.scheduleapi.schedule;

import com.scheduleapi.web.FieldChecks;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code GET /v1/schedules}: filtered, ordered by execute then id, and paged by keyset, so a walk
 * sees every row once even while rows are added.
 */
@Service
class ScheduleSearch {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final JdbcClient jdbc;
  private final ScheduleRepository schedules;
  private final ScheduleViews views;

  ScheduleSearch(JdbcClient jdbc, ScheduleRepository schedules, ScheduleViews views) {
    this.jdbc = jdbc;
    this.schedules = schedules;
    this.views = views;
  }

  @Transactional(readOnly = true)
  Page search(long teamId, Map<String, String> query) {
    FieldChecks checks = new FieldChecks();
    StringBuilder sql = new StringBuilder("select id from schedule where team_id = ?");
    List<Object> params = new ArrayList<>(List.of(teamId));
    String status = query.get("status");
    if (status != null) {
      ScheduleStatus.ofApiName(status)
          .ifPresentOrElse(
              s -> {
                sql.append(" and status = ?");
                params.add(s.code());
              },
              () ->
                  checks.reject(
                      "status",
                      "must be one of "
                          + java.util.Arrays.stream(ScheduleStatus.values())
                              .map(ScheduleStatus::apiName)
                              .toList()));
    }
    number(query, "inbox_id", checks).ifPresent(v -> condition(sql, params, "inbox_id = ?", v));
    number(query, "list_id", checks).ifPresent(v -> condition(sql, params, "list_id = ?", v));
    if (query.get("local_id") != null) {
      condition(sql, params, "local_id = ?", query.get("local_id"));
    }
    if (query.get("batch_id") != null) {
      condition(sql, params, "batch_id = ?", query.get("batch_id"));
    }
    time(query, "from", checks).ifPresent(v -> condition(sql, params, "execute_at >= ?", v));
    time(query, "to", checks).ifPresent(v -> condition(sql, params, "execute_at <= ?", v));
    int limit = number(query, "limit", checks).orElse((long) DEFAULT_LIMIT).intValue();
    if (limit < 1 || limit > MAX_LIMIT) {
      checks.reject("limit", "must be between 1 and " + MAX_LIMIT);
    }
    String cursor = query.get("cursor");
    if (cursor != null) {
      Cursor after = Cursor.parse(cursor);
      if (after == null) {
        checks.reject("cursor", "is not a cursor this service gave; pass next_cursor as it came");
      } else {
        sql.append(" and (execute_at, id) > (?, ?)");
        params.add(Timestamp.from(after.execute()));
        params.add(after.id());
      }
    }
    checks.throwIfAny();
    sql.append(" order by execute_at, id limit ?");
    params.add(limit + 1);
    List<Long> ids = jdbc.sql(sql.toString()).params(params).query(Long.class).list();
    boolean more = ids.size() > limit;
    List<Long> page = more ? ids.subList(0, limit) : ids;
    Map<Long, Schedule> byId =
        schedules.findAllById(page).stream()
            .collect(Collectors.toMap(Schedule::id, Function.identity()));
    List<Schedule> rows =
        page.stream()
            .map(byId::get)
            .filter(s -> s != null)
            .sorted(
                Comparator.comparing((Schedule s) -> s.execute().toInstant())
                    .thenComparing(Schedule::id))
            .toList();
    String next =
        more && !rows.isEmpty()
            ? new Cursor(
                    rows.get(rows.size() - 1).execute().toInstant(), rows.get(rows.size() - 1).id())
                .encode()
            : null;
    return new Page(rows.stream().map(views::view).toList(), next);
  }

  private static void condition(
      StringBuilder sql, List<Object> params, String condition, Object value) {
    sql.append(" and ").append(condition);
    params.add(value);
  }

  private static java.util.Optional<Long> number(
      Map<String, String> query, String name, FieldChecks checks) {
    String value = query.get(name);
    if (value == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      checks.reject(name, "must be an integer");
      return java.util.Optional.empty();
    }
  }

  private static java.util.Optional<Timestamp> time(
      Map<String, String> query, String name, FieldChecks checks) {
    String value = query.get(name);
    if (value == null) {
      return java.util.Optional.empty();
    }
    try {
      OffsetDateTime time = OffsetDateTime.parse(value.trim());
      if (time.getYear() < 1 || time.getYear() > 9999) {
        // PostgreSQL's timestamptz cannot hold it; no schedule can be there anyway.
        throw new DateTimeParseException("year out of range", value, 0);
      }
      return java.util.Optional.of(Timestamp.from(time.toInstant()));
    } catch (DateTimeParseException e) {
      checks.reject(name, "must be an RFC 3339 time such as 2024-07-24T11:30:00-07:00");
      return java.util.Optional.empty();
    }
  }

  @Schema(name = "SchedulePage", description = "One page of scheduled messages.")
  record Page(
      List<ScheduledView> items,
      @Schema(description = "Pass it as cursor for the next page; null on the last page.")
          String nextCursor) {}

  /** Where a page ended: opaque to clients. */
  record Cursor(Instant execute, long id) {

    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((execute.getEpochSecond() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String value) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split(":");
        return parts.length == 2
            ? new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0])), Long.parseLong(parts[1]))
            : null;
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        return null;
      }
    }
  }
}
