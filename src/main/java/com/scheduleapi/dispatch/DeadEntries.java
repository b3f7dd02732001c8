package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.ScheduleVacuum;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Clears the dead entries a burst leaves in the due indexes: once this node has written {@code
 * vacuum-after} outcomes and holds nothing, it vacuums the schedule and delivery tables. Until then
 * each claim walks past the settled rows of every inbox it has no cursor for; in the 1,000,000
 * burst after two bursts of 200,000 that was most of a claim's time.
 */
@Component
class DeadEntries {

  private static final Logger log = LoggerFactory.getLogger(DeadEntries.class);

  private final ScheduleVacuum schedules;
  private final JdbcClient jdbc;
  private final int after;
  private final AtomicLong written = new AtomicLong();

  DeadEntries(ScheduleVacuum schedules, JdbcClient jdbc, DispatchProperties properties) {
    this.schedules = schedules;
    this.jdbc = jdbc;
    this.after = properties.vacuumAfter();
  }

  /** Outcomes written (each left a dead entry in a due index). */
  void written(int outcomes) {
    written.addAndGet(outcomes);
  }

  /** Vacuums if enough was written since the last time and the node holds nothing; answers if. */
  boolean vacuumIfDue(boolean idle) {
    long count = written.get();
    if (after <= 0 || !idle || count < after || count * 20 < schedules.estimatedRows()) {
      return false;
    }
    long started = System.nanoTime();
    schedules.vacuum();
    jdbc.sql("vacuum (skip_locked, index_cleanup on) delivery").update();
    written.addAndGet(-count);
    log.info(
        "Vacuumed schedule and delivery after {} outcomes, in {} ms",
        count,
        (System.nanoTime() - started) / 1_000_000);
    return true;
  }
}
