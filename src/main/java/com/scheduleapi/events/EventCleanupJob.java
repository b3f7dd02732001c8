package com.scheduleapi.events;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The clean-up as a clustered Quartz job: one node at a time runs it. */
@DisallowConcurrentExecution
class EventCleanupJob implements Job {

  private final EventCleanup cleanup;

  EventCleanupJob(EventCleanup cleanup) {
    this.cleanup = cleanup;
  }

  @Override
  public void execute(JobExecutionContext context) {
    cleanup.run();
  }
}
