package com.scheduleapi.dispatch;

import com.scheduleapi.web.FaultLog;
import com.scheduleapi.web.LibraryFaults;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which nodes are alive, read from Quartz's cluster check-ins (the one class that reads Quartz's
 * tables), and whether this node may take over the work of the others.
 *
 * <p>After a database outage every node's check-in is stale, though none died. So a node takes
 * nothing over until it has itself reached the database for the takeover grace, long enough for
 * every live node to have checked in again; and it never takes a lease from a node that checked in
 * recently. Together they keep a node that is only cut off from the database from having its work
 * sent a second time by another.
 */
@Component
class ClusterMembership {

  private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);
  private static final String FAULT = "Cluster membership unreadable (database away?)";

  private final JdbcClient jdbc;
  private final Scheduler scheduler;
  private final DispatchProperties properties;
  private final Clock clock;
  private volatile Set<String> live = Set.of();
  private volatile Instant reachedSince;
  private volatile Instant lastSuccess = Instant.EPOCH;
  private final FaultLog faults;
  private final LibraryFaults libraryFaults;

  ClusterMembership(
      JdbcClient jdbc,
      Scheduler scheduler,
      DispatchProperties properties,
      Clock clock,
      LibraryFaults libraryFaults) {
    this.jdbc = jdbc;
    this.scheduler = scheduler;
    this.properties = properties;
    this.clock = clock;
    this.libraryFaults = libraryFaults;
    this.faults = new FaultLog(log, clock, FaultLog.DEFAULT_INTERVAL);
  }

  /** Reads the live nodes; called every second or so while the dispatcher runs. */
  void refresh() {
    Instant now = clock.instant();
    try {
      Set<String> nodes = new HashSet<>(liveNodes(now));
      nodes.add(properties.nodeName());
      live = Set.copyOf(nodes);
      lastSuccess = now;
      libraryFaults.databaseReached();
      if (reachedSince == null) {
        reachedSince = now;
        if (faults.failing(FAULT)) {
          faults.recovered(FAULT);
          log.info(
              "Leases of other nodes are not taken over for {}, while the cluster checks in again",
              properties.takeoverGrace());
        }
      }
    } catch (RuntimeException | SchedulerException e) {
      faults.warn(FAULT, e.getMessage(), e);
      reachedSince = null;
    }
  }

  private java.util.List<String> liveNodes(Instant now) throws SchedulerException {
    return jdbc.sql(
            """
            select instance_name from qrtz_scheduler_state
            where sched_name = :scheduler and last_checkin_time + 3 * checkin_interval >= :now
            """)
        .param("scheduler", scheduler.getSchedulerName())
        .param("now", now.toEpochMilli())
        .query(String.class)
        .list();
  }

  /** Whether leases of nodes that left may be taken now, and who is alive. */
  Takeover takeover(Instant now) {
    Instant since = reachedSince;
    boolean allowed = since != null && !now.isBefore(since.plus(properties.takeoverGrace()));
    Set<String> nodes = live.isEmpty() ? Set.of(properties.nodeName()) : live;
    return new Takeover(allowed, nodes);
  }

  /** When the database was last read from here. */
  Instant lastSuccess() {
    return lastSuccess;
  }

  /**
   * Whether leases of nodes that left may be taken, and the nodes that live (this one among them).
   */
  record Takeover(boolean allowed, Set<String> liveNodes) {}
}
