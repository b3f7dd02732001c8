package com.scheduleapi.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The burst on db-scheduler: one one-time task execution per message, written straight into its
 * {@code scheduled_tasks} table before the instant, executed by a no-op handler that records the
 * hand-off. Done when the table holds none of them (a one-time execution is deleted when it
 * completes, one commit each).
 */
final class DbSchedulerPeer {

  static final String SYSTEM = "db-scheduler";
  static final int THREADS = 32;
  static final double LOWER_LIMIT_FRACTION = 0.5;
  static final double BATCH_FRACTION = 4.0;
  static final Duration POLLING_INTERVAL = Duration.ofMillis(100);

  static String tuning() {
    return "db-scheduler 16.7.1: lock-and-fetch polling, threads="
        + THREADS
        + ", batch="
        + (int) (THREADS * BATCH_FRACTION)
        + " (pollUsingLockAndFetch("
        + LOWER_LIMIT_FRACTION
        + ", "
        + BATCH_FRACTION
        + ")), polling interval "
        + POLLING_INTERVAL.toMillis()
        + " ms, pool "
        + (THREADS + 4)
        + " connections";
  }

  static BenchResult burst(BenchDatabase db, int n) {
    try (HikariDataSource pool = (HikariDataSource) db.pool(THREADS + 4)) {
      JdbcClient jdbc = JdbcClient.create(pool);
      createTable(jdbc);
      HandOffRecorder recorder = new HandOffRecorder();
      OneTimeTask<Void> task =
          Tasks.oneTime("bench-burst").execute((instance, context) -> recorder.record(now()));
      Instant due = Instant.now().plusMillis(2_500 + n / 40L).truncatedTo(ChronoUnit.MILLIS);
      jdbc.sql(
              """
              insert into scheduled_tasks (task_name, task_instance, execution_time, picked,
                                           consecutive_failures, version)
              select 'bench-burst', 'm' || g, ?, false, 0, 1 from generate_series(1, ?) g
              """)
          .params(Timestamp.from(due), n)
          .update();
      jdbc.sql("analyze scheduled_tasks").update();
      jdbc.sql("checkpoint").update();
      Scheduler scheduler =
          Scheduler.create(pool, task)
              .threads(THREADS)
              .pollingInterval(POLLING_INTERVAL)
              .pollUsingLockAndFetch(LOWER_LIMIT_FRACTION, BATCH_FRACTION)
              .schedulerName(new SchedulerName.Fixed("bench"))
              .build();
      scheduler.start();
      try {
        if (Instant.now().isAfter(due)) {
          throw new IllegalStateException("loading overran the due instant; rerun");
        }
        ServiceScenarios.await(
            Duration.ofSeconds(300 + n / 100),
            () ->
                jdbc.sql("select count(*) from scheduled_tasks where task_name = 'bench-burst'")
                        .query(Long.class)
                        .single()
                    == 0);
        Instant end = Instant.now();
        Latency late = recorder.latenessBehind(due.toEpochMilli());
        if (late.count() != n) {
          throw new IllegalStateException("db-scheduler ran " + late.count() + " of " + n);
        }
        double seconds = Duration.between(due, end).toNanos() / 1e9;
        return new BenchResult(
            "burst",
            SYSTEM,
            (long) n,
            seconds,
            n / seconds,
            late.p50(),
            late.p99(),
            late.max(),
            null,
            null);
      } finally {
        scheduler.stop();
      }
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** db-scheduler's documented PostgreSQL table. */
  private static void createTable(JdbcClient jdbc) {
    jdbc.sql("drop table if exists scheduled_tasks").update();
    jdbc.sql(
            """
            create table scheduled_tasks (
              task_name text not null,
              task_instance text not null,
              task_data bytea,
              execution_time timestamp with time zone not null,
              picked boolean not null,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures int,
              last_heartbeat timestamp with time zone,
              version bigint not null,
              priority smallint,
              primary key (task_name, task_instance))
            """)
        .update();
    jdbc.sql("create index execution_time_idx on scheduled_tasks (execution_time)").update();
    jdbc.sql("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)").update();
    jdbc.sql(
            "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)")
        .update();
  }
}
