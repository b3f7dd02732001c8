package com.scheduleapi.dispatch;

import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quartz (clustered, JDBC job store) is the cluster's membership and clock: each node checks in as
 * its dispatch node name, and the claim slots fire every slot period, each on one node at a time; a
 * firing polls for due work every poll interval until the slot fires again. A node runs as many
 * claim slots at once as it has workers (its Quartz threads).
 */
@Configuration(proxyBeanMethods = false)
class QuartzConfiguration {

  static final String GROUP = "dispatch";

  @Bean
  SchedulerFactoryBeanCustomizer claimSlots(QuartzProperties quartz, DispatchProperties dispatch) {
    return factory -> {
      Properties properties = new Properties();
      properties.putAll(quartz.getProperties());
      properties.put("org.quartz.scheduler.instanceId", dispatch.nodeName());
      properties.put("org.quartz.threadPool.threadCount", Integer.toString(dispatch.workers()));
      factory.setQuartzProperties(properties);
      List<JobDetail> jobs =
          IntStream.rangeClosed(1, dispatch.slots()).mapToObj(QuartzConfiguration::slot).toList();
      factory.setJobDetails(jobs.toArray(JobDetail[]::new));
      factory.setTriggers(jobs.stream().map(job -> trigger(job, dispatch)).toArray(Trigger[]::new));
      // An API-only node takes no part in sending.
      factory.setAutoStartup(dispatch.enabled());
      // Start before and stop after the dispatcher: while this node holds leases it must stay a
      // live cluster member, or another node would take its work over and send it a second time.
      factory.setPhase(Integer.MAX_VALUE - 2000);
    };
  }

  private static JobDetail slot(int number) {
    return JobBuilder.newJob(ClaimJob.class)
        .withIdentity("claim-slot-" + number, GROUP)
        .storeDurably()
        .build();
  }

  private static Trigger trigger(JobDetail job, DispatchProperties dispatch) {
    return TriggerBuilder.newTrigger()
        .forJob(job)
        .withIdentity(job.getKey().getName(), GROUP)
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(dispatch.slotPeriod().toMillis())
                .repeatForever()
                // After a long round, go on from now rather than firing the missed ones.
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
