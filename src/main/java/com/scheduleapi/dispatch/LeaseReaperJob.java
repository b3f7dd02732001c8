package com.scheduleapi.dispatch;

import java.time.Clock;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on one node of the Quartz cluster at a time: deliveries leased by nodes that stopped
 * checking in come due again at once, for the living nodes to take over.
 */
@DisallowConcurrentExecution
class LeaseReaperJob implements Job {

  private static final Logger log = LoggerFactory.getLogger(LeaseReaperJob.class);

  private final Deliveries deliveries;
  private final DispatchProperties properties;
  private final Clock clock;

  LeaseReaperJob(Deliveries deliveries, DispatchProperties properties, Clock clock) {
    this.deliveries = deliveries;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      Instant now = clock.instant();
      // Work is claimed at most the burst lookahead ahead of its instant.
      int released =
          deliveries.releaseLeasesOfDeadNodes(
              context.getScheduler().getSchedulerName(),
              now,
              now.plus(properties.burstLookahead()));
      if (released > 0) {
        log.warn("Released {} deliveries leased by nodes that left the cluster", released);
      }
    } catch (SchedulerException e) {
      log.warn("Could not read the scheduler's name: {}", e.getMessage());
    }
  }
}
