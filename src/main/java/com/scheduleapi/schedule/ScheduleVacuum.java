package com.scheduleapi.schedule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Vacuums the schedule table when dispatch asks, after a burst. A settled row leaves the due
 * indexes' predicate, but its entry stays in them, dead, until a vacuum; a claim's skip scan walks
 * past every such entry of an inbox it has no cursor for (400,000 of them: about 25 ms a claim).
 * Autovacuum comes only past a fifth of the table, and at most once a minute.
 */
@Repository
public class ScheduleVacuum {

  private final JdbcClient jdbc;

  ScheduleVacuum(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The table's rows as the last vacuum or analyze counted them (0 before the first). */
  public long estimatedRows() {
    return jdbc.sql(
            "select greatest(reltuples, 0)::bigint from pg_class where oid = 'schedule'::regclass")
        .query(Long.class)
        .single();
  }

  /** Vacuums the table, unless a vacuum (another node's, autovacuum) is at it already. */
  public void vacuum() {
    jdbc.sql("vacuum (skip_locked, index_cleanup on) schedule").update();
  }
}
