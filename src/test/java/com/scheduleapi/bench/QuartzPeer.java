package com.scheduleapi.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The burst on Quartz's clustered JDBC job store, one job and trigger per message, in tables of its
 * own ({@code BQRTZ_}) so that the service's {@code qrtz_} tables are never touched. Done when no
 * trigger and no fired-trigger row of the run is left.
 */
final class QuartzPeer {

  static final String SYSTEM = "quartz-per-message";
  static final int CAP = 10_000;
  static final int THREADS = 20;
  static final int BATCH = 50;
  private static final String NAME = "bench-quartz";
  static final HandOffRecorder RECORDER = new HandOffRecorder();

  static String tuning() {
    return "Quartz 2.5.2 JobStoreTX, clustered, PostgreSQLDelegate, tablePrefix BQRTZ_, threadCount="
        + THREADS
        + ", batchTriggerAcquisitionMaxCount="
        + BATCH
        + ", acquireTriggersWithinLock=true, misfireThreshold=1h, n capped at "
        + CAP;
  }

  static BenchResult burst(BenchDatabase db, DataSource admin, int requested) {
    int n = Math.min(requested, CAP);
    JdbcClient jdbc = JdbcClient.create(admin);
    createTables(jdbc);
    RECORDER.reset();
    try {
      Scheduler scheduler = new StdSchedulerFactory(properties(db)).getScheduler();
      Instant loadStart = Instant.now();
      // Quartz stores a job and a trigger per message: allow 6 ms each for loading.
      Instant due = loadStart.plusMillis(2_500 + 6L * n).truncatedTo(ChronoUnit.MILLIS);
      Map<JobDetail, Set<? extends Trigger>> jobs = new HashMap<>();
      for (int i = 0; i < n; i++) {
        JobDetail job = JobBuilder.newJob(NoopJob.class).withIdentity("m" + i, "bench").build();
        Trigger trigger =
            TriggerBuilder.newTrigger()
                .withIdentity("m" + i, "bench")
                .startAt(Date.from(due))
                .withSchedule(
                    SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        jobs.put(job, Set.of(trigger));
      }
      scheduler.scheduleJobs(jobs, false);
      jdbc.sql("analyze").update();
      jdbc.sql("checkpoint").update();
      scheduler.start();
      try {
        if (Instant.now().isAfter(due)) {
          throw new IllegalStateException("loading overran the due instant; rerun");
        }
        ServiceScenarios.await(
            Duration.ofSeconds(600),
            () ->
                jdbc.sql(
                            "select (select count(*) from bqrtz_triggers where sched_name = ?)"
                                + " + (select count(*) from bqrtz_fired_triggers where sched_name = ?)")
                        .params(NAME, NAME)
                        .query(Long.class)
                        .single()
                    == 0);
        Instant end = Instant.now();
        Latency late = RECORDER.latenessBehind(due.toEpochMilli());
        if (late.count() != n) {
          throw new IllegalStateException("Quartz ran " + late.count() + " of " + n);
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
        scheduler.shutdown(true);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Properties properties(BenchDatabase db) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", NAME);
    p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(BATCH));
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.tablePrefix", "BQRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "3600000");
    p.setProperty("org.quartz.jobStore.dataSource", "bench");
    p.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
    p.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
    p.setProperty("org.quartz.dataSource.bench.URL", db.url());
    p.setProperty("org.quartz.dataSource.bench.user", db.username());
    p.setProperty("org.quartz.dataSource.bench.password", "");
    p.setProperty("org.quartz.dataSource.bench.maxConnections", Integer.toString(THREADS + 5));
    return p;
  }

  /**
   * Quartz's own PostgreSQL script with every {@code QRTZ_} name given the prefix {@code BQRTZ_}.
   */
  private static void createTables(JdbcClient jdbc) {
    String script;
    try (InputStream in =
        Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.trim().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    for (String statement :
        withoutComments.toString().replaceAll("(?i)qrtz_", "BQRTZ_").split(";")) {
      String sql = statement.trim();
      if (!sql.isEmpty() && !sql.equalsIgnoreCase("commit")) {
        jdbc.sql(sql).update();
      }
    }
  }

  /** Records the hand-off and does nothing else. */
  public static class NoopJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      RECORDER.record(System.currentTimeMillis());
    }
  }
}
