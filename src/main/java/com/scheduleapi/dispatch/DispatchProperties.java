package com.scheduleapi.dispatch;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node sends what comes due.
 *
 * @param enabled whether this node dispatches at all (an API-only node sets false)
 * @param nodeName this node's name in leases, logs and the webhook's X-Schedule-Node; unique
 * @param workers threads that claim and hand over batches
 * @param batchSize rows claimed in one statement
 * @param sendConcurrency sender calls in flight at once on this node
 * @param pollInterval how often an idle worker looks for due work
 * @param lookahead how long before its instant a row is claimed, to hand it over on the instant
 * @param burstLookahead how early rows are claimed when more are due than the workers' batches
 *     hold: a burst is claimed ahead so that hand-off starts on its instant
 * @param maxHeld deliveries a node holds claimed at most (bounds memory while claiming ahead)
 * @param lease how long a claim holds before another node may take the work over
 * @param retryInitial the wait after the first passing failure; doubled after each further one
 * @param retryMax the longest wait between attempts
 * @param maxAttempts attempts in all before a delivery fails
 */
@ConfigurationProperties("schedule.dispatch")
public record DispatchProperties(
    @DefaultValue("true") boolean enabled,
    String nodeName,
    @DefaultValue("2") int workers,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("64") int sendConcurrency,
    @DefaultValue("PT0.2S") Duration pollInterval,
    @DefaultValue("PT1S") Duration lookahead,
    @DefaultValue("PT30S") Duration burstLookahead,
    @DefaultValue("100000") int maxHeld,
    @DefaultValue("PT20S") Duration lease,
    @DefaultValue("PT2S") Duration retryInitial,
    @DefaultValue("PT10M") Duration retryMax,
    @DefaultValue("8") int maxAttempts) {

  public DispatchProperties {
    if (nodeName == null || nodeName.isBlank()) {
      nodeName = defaultNodeName();
    }
  }

  private static String defaultNodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    return host
        + "-"
        + ManagementFactory.getRuntimeMXBean().getPid()
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
