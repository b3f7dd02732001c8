package com.scheduleapi.schedule;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a delivery's event names of its schedule (the team, local_id and batch_id), one query for a
 * batch of schedules.
 */
@Repository
public class ScheduleLabels {

  private final JdbcClient jdbc;

  ScheduleLabels(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Map<Long, Labels> of(Collection<Long> scheduleIds) {
    Map<Long, Labels> labels = new HashMap<>();
    if (scheduleIds.isEmpty()) {
      return labels;
    }
    jdbc.sql("select id, team_id, local_id, batch_id from schedule where id = any(:ids::bigint[])")
        .param("ids", scheduleIds.stream().mapToLong(Long::longValue).distinct().toArray())
        .query(
            rs -> {
              labels.put(
                  rs.getLong(1), new Labels(rs.getLong(2), rs.getString(3), rs.getString(4)));
            });
    return labels;
  }

  /** A schedule's team and the client's labels for it. */
  public record Labels(long teamId, String localId, String batchId) {}
}
