package com.scheduleapi.dispatch;

import java.time.Clock;
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
  private final Clock clock;

  LeaseReaperJob(Deliveries deliveries, Clock clock) {
    this.deliveries = deliveries;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      int released =
          deliveries.releaseLeasesOfDeadNodes(
              context.getScheduler().getSchedulerName(), clock.instant());
      if (released > 0) {
        log.warn("Released {} deliveries leased by nodes that left the cluster", released);
      }
    } catch (SchedulerException e) {
      log.warn("Could not read the scheduler's name: {}", e.getMessage());
    }
  }
}
