package com.scheduleapi.dispatch;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * A claim slot's firing. Quartz's clustered store hands each slot to one node at a time, which
 * spreads the pick-up of due work over the nodes; a dead node's slots move to live ones by Quartz's
 * own recovery.
 */
@DisallowConcurrentExecution
class ClaimJob implements Job {

  private final ClaimRounds rounds;

  ClaimJob(ClaimRounds rounds) {
    this.rounds = rounds;
  }

  @Override
  public void execute(JobExecutionContext context) {
    rounds.run(context.getJobDetail().getKey().getName());
  }
}
