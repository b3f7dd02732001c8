package com.scheduleapi.dispatch;

import java.time.Clock;
import java.time.Duration;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the sending side: the Quartz scheduler runs and this node has read the cluster's
 * membership recently (it does every second, and cannot while the database is away).
 */
@Component("schedulerHealthIndicator")
class DispatcherHealth implements HealthIndicator {

  private static final Duration STALE = Duration.ofSeconds(10);

  private final Dispatcher dispatcher;
  private final ClusterMembership membership;
  private final Scheduler scheduler;
  private final DispatchProperties properties;
  private final Clock clock;

  DispatcherHealth(
      Dispatcher dispatcher,
      ClusterMembership membership,
      Scheduler scheduler,
      DispatchProperties properties,
      Clock clock) {
    this.dispatcher = dispatcher;
    this.membership = membership;
    this.scheduler = scheduler;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Health health() {
    if (!dispatcher.enabled()) {
      return Health.up().withDetail("dispatch", "disabled on this node").build();
    }
    Health.Builder health = Health.up();
    try {
      boolean schedulerRunning = scheduler.isStarted() && !scheduler.isShutdown();
      health.withDetail("scheduler", schedulerRunning ? "running" : "stopped");
      if (!schedulerRunning && dispatcher.isRunning()) {
        health.down();
      }
    } catch (SchedulerException e) {
      health.down().withDetail("scheduler", e.getMessage());
    }
    boolean fresh = membership.lastSuccess().isAfter(clock.instant().minus(STALE));
    if (dispatcher.isRunning() && !fresh) {
      health.down().withDetail("lastError", String.valueOf(dispatcher.lastError()));
    }
    return health
        .withDetail("node", properties.nodeName())
        .withDetail("lastRound", membership.lastSuccess().toString())
        .build();
  }
}
