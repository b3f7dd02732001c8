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
 * @param workers claim rounds this node runs at once (its Quartz threads), and its hand-off and
 *     write-back threads
 * @param slots claim slots in the cluster: Quartz jobs fired every slot period, each on one node at
 *     a time; enough for several nodes' workers
 * @param slotPeriod how long one firing of a claim slot keeps looking for due work before the slot
 *     fires again (perhaps on another node); each firing costs Quartz a few transactions
 * @param batchSize rows claimed in one statement
 * @param maxInFlight sender calls in flight at once on this node (each holds a connection, not a
 *     thread; the HTTP senders' connection pools are as large); past it, hand-off waits for answers
 * @param writeBatch outcomes written back in one statement at most; a node that dies has sent but
 *     not written about its calls in flight plus one write batch, which are sent again
 * @param writeLinger how long a write waits after its first outcome for more, up to a write batch
 * @param pollInterval how often a running claim slot looks for due work
 * @param lookahead how long before its instant a row is claimed, to hand it over on the instant
 * @param burstLookahead how early rows are claimed when more are due than the workers' batches
 *     hold: a burst is claimed ahead so that hand-off starts on its instant
 * @param maxHeld deliveries a node holds claimed at most (bounds memory while claiming ahead)
 * @param lease how long a claim holds; a node renews its leases while it holds the work
 * @param takeoverGrace how long a node must have reached the database before it takes over leases
 *     of nodes that stopped checking in (after an outage, every node's check-in is stale)
 * @param retryInitial the wait after the first passing failure; doubled after each further one
 * @param retryMax the longest wait between attempts
 * @param maxAttempts attempts in all before a delivery fails
 */
@ConfigurationProperties("schedule.dispatch")
public record DispatchProperties(
    @DefaultValue("true") boolean enabled,
    String nodeName,
    @DefaultValue("2") int workers,
    @DefaultValue("6") int slots,
    @DefaultValue("PT5S") Duration slotPeriod,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("2000") int maxInFlight,
    @DefaultValue("1000") int writeBatch,
    @DefaultValue("PT0.05S") Duration writeLinger,
    @DefaultValue("PT0.2S") Duration pollInterval,
    @DefaultValue("PT1S") Duration lookahead,
    @DefaultValue("PT30S") Duration burstLookahead,
    @DefaultValue("100000") int maxHeld,
    @DefaultValue("PT20S") Duration lease,
    @DefaultValue("PT20S") Duration takeoverGrace,
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
