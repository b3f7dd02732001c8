package com.scheduleapi.dispatch;

import java.time.Instant;
import java.util.Date;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * A claim slot's firing, which lasts until just before the slot fires again. Quartz's clustered
 * store hands each slot to one node at a time, which spreads the pick-up of due work over the
 * nodes; a dead node's slots move to live ones by Quartz's own recovery.
 */
@DisallowConcurrentExecution
class ClaimJob implements Job {

  private final ClaimRounds rounds;
  private final DispatchProperties properties;

  ClaimJob(ClaimRounds rounds, DispatchProperties properties) {
    this.rounds = rounds;
    this.properties = properties;
  }

  @Override
  public void execute(JobExecutionContext context) {
    Date next = context.getNextFireTime();
    Instant until =
        next == null ? Instant.now() : next.toInstant().minus(properties.pollInterval());
    rounds.run(context.getJobDetail().getKey().getName(), until);
  }
}
