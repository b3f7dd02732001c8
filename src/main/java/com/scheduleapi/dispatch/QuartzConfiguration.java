package com.scheduleapi.dispatch;

import java.util.Properties;
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
 * its dispatch node name, and the lease reaper runs every few seconds on one node.
 */
@Configuration(proxyBeanMethods = false)
class QuartzConfiguration {

  @Bean
  SchedulerFactoryBeanCustomizer nodeNameAsQuartzInstance(
      QuartzProperties quartz, DispatchProperties dispatch) {
    return factory -> {
      Properties properties = new Properties();
      properties.putAll(quartz.getProperties());
      properties.put("org.quartz.scheduler.instanceId", dispatch.nodeName());
      factory.setQuartzProperties(properties);
      // Start before and stop after the dispatcher: while this node holds leases it must stay a
      // live cluster member, or another node's reaper would hand its work out a second time.
      factory.setPhase(Integer.MAX_VALUE - 2000);
    };
  }

  @Bean
  JobDetail leaseReaperJob() {
    return JobBuilder.newJob(LeaseReaperJob.class)
        .withIdentity("lease-reaper", "dispatch")
        .storeDurably()
        .build();
  }

  @Bean
  Trigger leaseReaperTrigger(JobDetail leaseReaperJob) {
    return TriggerBuilder.newTrigger()
        .forJob(leaseReaperJob)
        .withIdentity("lease-reaper", "dispatch")
        .withSchedule(
            SimpleScheduleBuilder.repeatSecondlyForever(5)
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
