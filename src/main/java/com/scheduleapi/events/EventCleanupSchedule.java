package com.scheduleapi.events;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the clean-up job in Quartz's clustered store once the application is up (the
 * dispatcher's slots are the scheduler factory's own job list, which this leaves alone); every node
 * does it, and the store keeps one.
 */
@Component
class EventCleanupSchedule {

  static final JobKey JOB = new JobKey("event-cleanup", "events");

  private final Scheduler scheduler;
  private final EventsProperties properties;

  EventCleanupSchedule(Scheduler scheduler, EventsProperties properties) {
    this.scheduler = scheduler;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void register() throws SchedulerException {
    JobDetail job =
        JobBuilder.newJob(EventCleanupJob.class).withIdentity(JOB).storeDurably().build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .forJob(job)
            .withIdentity(TriggerKey.triggerKey(JOB.getName(), JOB.getGroup()))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(properties.cleanupInterval().toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    scheduler.addJob(job, true);
    try {
      if (scheduler.checkExists(trigger.getKey())) {
        scheduler.rescheduleJob(trigger.getKey(), trigger);
      } else {
        scheduler.scheduleJob(trigger);
      }
    } catch (ObjectAlreadyExistsException e) {
      // Another node registered it at the same moment.
    }
  }
}
