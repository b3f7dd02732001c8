package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.ScheduleOutcomes;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Closes schedules whose deliveries in the queue are all settled (a list, or a single that was
 * retried): it counts them in the queue, the schedule module writes the status and counts. Runs in
 * the transaction that settled the deliveries, so a node that dies cannot leave a settled schedule
 * open.
 */
@Component
class Settlement {

  private final JdbcClient jdbc;
  private final ScheduleOutcomes schedules;

  Settlement(JdbcClient jdbc, ScheduleOutcomes schedules) {
    this.jdbc = jdbc;
    this.schedules = schedules;
  }

  /**
   * Safe for schedules still in progress (nothing happens) and from several nodes at once: the
   * schedules are locked before their deliveries are counted, so of two writers settling the last
   * deliveries of one list, the second counts what the first committed.
   */
  void finish(Collection<Long> scheduleIds, Instant now) {
    if (scheduleIds.isEmpty()) {
      return;
    }
    List<Long> open = schedules.lockSending(scheduleIds);
    if (!open.isEmpty()) {
      schedules.close(settledTallies(open), now);
    }
  }

  /**
   * Tallies of those schedules that have no pending delivery left (none at all counts). A schedule
   * with a pending delivery is ruled out by one index probe before anything is counted, so a large
   * list still being sent costs nothing here.
   */
  private List<ScheduleOutcomes.Tally> settledTallies(Collection<Long> scheduleIds) {
    return jdbc.sql(
            DeliveryStatus.sql(
                """
                with done as (
                  select u.id from unnest(:ids::bigint[]) as u(id)
                  where not exists (select 1 from delivery p
                                    where p.schedule_id = u.id and p.status = {delivery.pending}))
                select done.id, count(d.id), count(*) filter (where d.status in %s),
                       count(*) filter (where d.status = {delivery.failed}),
                       count(*) filter (where d.status = {delivery.skipped}),
                       count(*) filter (where d.status = {delivery.expired})
                from done left join delivery d on d.schedule_id = done.id
                group by done.id
                """
                    .formatted(DeliveryStatus.ACCEPTED)))
        .param("ids", scheduleIds.stream().mapToLong(Long::longValue).toArray())
        .query(
            (rs, n) ->
                new ScheduleOutcomes.Tally(
                    rs.getLong(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    rs.getInt(4),
                    rs.getInt(5),
                    rs.getInt(6)))
        .list();
  }
}
