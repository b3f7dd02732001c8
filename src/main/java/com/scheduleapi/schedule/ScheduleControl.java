package com.scheduleapi.schedule;

import com.scheduleapi.events.EventType;
import com.scheduleapi.web.NotFound;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pause, resume and cancel: of one schedule, and of every schedule of a batch. A batch is worked in
 * chunks, each its own short transaction with its events, so a batch of 100,000 never holds rows
 * the dispatcher wants for long.
 */
@Service
class ScheduleControl {

  static final int CHUNK = 1000;

  private final ScheduleRepository schedules;
  private final ScheduleViews views;
  private final ScheduleEvents events;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ScheduleControl(
      ScheduleRepository schedules,
      ScheduleViews views,
      ScheduleEvents events,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      Clock clock) {
    this.schedules = schedules;
    this.views = views;
    this.events = events;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
  }

  ScheduledView pause(long teamId, long id) {
    return change(teamId, id, true);
  }

  ScheduledView resume(long teamId, long id) {
    return change(teamId, id, false);
  }

  private ScheduledView change(long teamId, long id, boolean pause) {
    return transaction.execute(
        status -> {
          Schedule schedule =
              schedules.lockInTeam(teamId, id).orElseThrow(() -> new ScheduleNotFound(id));
          Instant now = clock.instant();
          if (pause ? schedule.pause(now) : schedule.resume(now)) {
            schedules.flush();
            events.changed(
                pause ? EventType.SCHEDULE_PAUSED : EventType.SCHEDULE_RESUMED, List.of(schedule));
          }
          return views.view(schedule);
        });
  }

  /** What a batch operation can do, as statements over one chunk of ids. */
  enum BatchChange {
    PAUSE(
        "status = {schedule.scheduled}",
        "update schedule set status = {schedule.paused}, dispatched_at = :now, updated_at = :now"
            + " where id = any(:ids::bigint[])",
        EventType.SCHEDULE_PAUSED),
    RESUME(
        "status = {schedule.paused}",
        "update schedule set status = {schedule.scheduled}, dispatched_at = null,"
            + " updated_at = :now where id = any(:ids::bigint[])",
        EventType.SCHEDULE_RESUMED),
    CANCEL(
        "status in ({schedule.scheduled}, {schedule.paused})",
        "delete from schedule where id = any(:ids::bigint[]) and :now::timestamptz is not null",
        EventType.SCHEDULE_CANCELED);

    final String applies;
    final String change;
    final EventType event;

    BatchChange(String applies, String change, EventType event) {
      this.applies = applies;
      this.change = change;
      this.event = event;
    }
  }

  BatchView.Result batch(long teamId, String batchId, BatchChange change) {
    int matched = count(teamId, batchId).values().stream().mapToInt(Integer::intValue).sum();
    if (matched == 0) {
      throw new NotFound("Your team has no schedule with batch_id '" + batchId + "'.");
    }
    int changed = 0;
    long after = 0;
    while (true) {
      long from = after;
      List<Long> ids = transaction.execute(status -> chunk(teamId, batchId, change, from));
      changed += ids.size();
      if (ids.size() < CHUNK) {
        return new BatchView.Result(batchId, matched, changed);
      }
      after = ids.get(ids.size() - 1);
    }
  }

  /** Locks the next chunk the change applies to, records its events and changes it. */
  private List<Long> chunk(long teamId, String batchId, BatchChange change, long after) {
    List<Long> ids =
        jdbc.sql(
                ScheduleStatus.sql(
                    """
                    select id from schedule
                    where team_id = :team and batch_id = :batch and id > :after and %s
                    order by id limit :limit for update
                    """
                        .formatted(change.applies)))
            .param("team", teamId)
            .param("batch", batchId)
            .param("after", after)
            .param("limit", CHUNK)
            .query(Long.class)
            .list();
    if (ids.isEmpty()) {
      return ids;
    }
    Timestamp now = Timestamp.from(clock.instant());
    if (change == BatchChange.CANCEL) {
      // The event shows the schedule as it was; afterwards it is gone.
      events.changed(change.event, ids);
    }
    jdbc.sql(ScheduleStatus.sql(change.change))
        .param("ids", ids.stream().mapToLong(Long::longValue).toArray())
        .param("now", now)
        .update();
    if (change != BatchChange.CANCEL) {
      events.changed(change.event, ids);
    }
    return ids;
  }

  BatchView counts(long teamId, String batchId) {
    Map<String, Integer> byStatus = count(teamId, batchId);
    int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      throw new NotFound("Your team has no schedule with batch_id '" + batchId + "'.");
    }
    return new BatchView(batchId, total, byStatus);
  }

  private Map<String, Integer> count(long teamId, String batchId) {
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    jdbc.sql(
            """
            select status, count(*) from schedule where team_id = :team and batch_id = :batch
            group by status order by status
            """)
        .param("team", teamId)
        .param("batch", batchId)
        .query(
            rs -> {
              byStatus.put(ScheduleStatus.ofCode(rs.getShort(1)).apiName(), rs.getInt(2));
            });
    return byStatus;
  }
}
