package com.scheduleapi.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * What an operator watches: lateness of each hand-off, outcomes, claim sizes, leases taken over.
 */
@Component
class DispatchMetrics {

  private final Timer lateness;
  private final Counter sent;
  private final Counter failed;
  private final Counter retried;
  private final Counter skipped;
  private final DistributionSummary claimed;
  private final Counter takenOver;

  DispatchMetrics(MeterRegistry registry) {
    this.lateness =
        Timer.builder("schedule.dispatch.lateness")
            .description("Hand-off instant minus due instant of each first attempt")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    this.sent = outcome(registry, "sent");
    this.failed = outcome(registry, "failed");
    this.retried = outcome(registry, "retry");
    this.skipped = outcome(registry, "skipped");
    this.claimed =
        DistributionSummary.builder("schedule.dispatch.claimed")
            .description("Deliveries claimed in one batch")
            .register(registry);
    this.takenOver =
        Counter.builder("schedule.dispatch.leases.taken.over")
            .description("Deliveries claimed again after another node's lease ran out")
            .register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("schedule.deliveries")
        .description("Delivery attempts by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  void handedOff(Duration late) {
    lateness.record(late.isNegative() ? Duration.ZERO : late);
  }

  void claimed(int count, int fromExpiredLeases) {
    claimed.record(count);
    takenOver.increment(fromExpiredLeases);
  }

  void sent() {
    sent.increment();
  }

  void failed() {
    failed.increment();
  }

  void retried() {
    retried.increment();
  }

  void skipped(int count) {
    skipped.increment(count);
  }
}
