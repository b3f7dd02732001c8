package com.scheduleapi.dispatch;

import com.scheduleapi.directory.DirectoryLookups;
import com.scheduleapi.schedule.DueSchedules;
import com.scheduleapi.web.FaultLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Claim rounds: each firing of a claim slot (a Quartz job, see {@link ClaimJob}) claims due work
 * for one slot period, until none is left or the node holds as much as it may, and queues it for
 * hand-off. Work is claimed up to the lookahead before its instant; when a burst is coming (more
 * due at the next instant than the workers' batches hold) up to the burst lookahead, so hand-off
 * starts on time.
 */
@Component
class ClaimRounds {

  private static final Logger log = LoggerFactory.getLogger(ClaimRounds.class);

  private final DispatchProperties properties;
  private final ScheduleLane schedules;
  private final QueueLane queue;
  private final DueSchedules due;
  private final DirectoryLookups directory;
  private final MessageAssembler assembler;
  private final HandOff handOff;
  private final OutcomeWriter writer;
  private final ClusterMembership membership;
  private final DispatchMetrics metrics;
  private final Pacing pacing;
  private final Clock clock;
  private static final String FAULT = "Claim rounds failing";
  private static final Duration CLAIMING = Duration.ofSeconds(1); // see inBurst

  private final FaultLog faults;
  private final Map<SlotLane, Cursor> cursors = new ConcurrentHashMap<>();
  private final Map<String, Map<Long, Cursor>> inboxCursors = new ConcurrentHashMap<>();
  // When each slot's last claim took a whole batch; absent when it did not.
  private final Map<String, Instant> fullAt = new ConcurrentHashMap<>();
  private final ReadWriteLock running = new ReentrantReadWriteLock();
  private volatile boolean open;
  private volatile String lastError;

  ClaimRounds(
      DispatchProperties properties,
      ScheduleLane schedules,
      QueueLane queue,
      DueSchedules due,
      DirectoryLookups directory,
      MessageAssembler assembler,
      HandOff handOff,
      OutcomeWriter writer,
      ClusterMembership membership,
      DispatchMetrics metrics,
      Pacing pacing,
      Clock clock) {
    this.pacing = pacing;
    this.properties = properties;
    this.schedules = schedules;
    this.queue = queue;
    this.due = due;
    this.directory = directory;
    this.assembler = assembler;
    this.handOff = handOff;
    this.writer = writer;
    this.membership = membership;
    this.metrics = metrics;
    this.clock = clock;
    this.faults = new FaultLog(log, clock, FaultLog.DEFAULT_INTERVAL);
  }

  void open() {
    open = true;
  }

  /** Stops new rounds and waits for the running ones to end. */
  void close() {
    open = false;
    running.writeLock().lock();
    running.writeLock().unlock();
  }

  String lastError() {
    return lastError;
  }

  /**
   * One firing of a claim slot, until {@code until} (just before the slot's next firing): claims
   * whenever work is due, until it is drained, and otherwise looks again every poll interval. A
   * firing that lasts costs Quartz its few transactions once per slot period, not once per poll.
   */
  void run(String slot, Instant until) {
    if (!open || !running.readLock().tryLock()) {
      return;
    }
    try {
      // Each firing starts over: rows behind a cursor (given back, taken over, resumed) are found.
      cursors.keySet().removeIf(key -> key.slot().equals(slot));
      inboxCursors.remove(slot);
      fullAt.remove(slot);
      while (open && clock.instant().isBefore(until)) {
        if (!claimWhileDue(slot)) {
          pause(properties.pollInterval());
        }
      }
    } finally {
      running.readLock().unlock();
    }
  }

  /** Claims until nothing more is due or the node holds all it may; answers whether it claimed. */
  private boolean claimWhileDue(String slot) {
    boolean claimed = false;
    try {
      while (open && handOff.held() < properties.maxHeld() && claimOnce(slot)) {
        claimed = true;
      }
      faults.recovered(FAULT);
    } catch (RuntimeException e) {
      Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
      lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      faults.warn(FAULT, lastError + "; trying again", e);
      pause(Duration.ofMillis(500));
    }
    return claimed;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One claim, from the schedule lane first, else the queue; answers whether there was work. */
  private boolean claimOnce(String slot) {
    writer.writeKept();
    Instant now = clock.instant();
    int room = Math.min(properties.batchSize(), properties.maxHeld() - handOff.held());
    Instant horizon = horizon(now, fullAt.containsKey(slot));
    ClusterMembership.Takeover takeover = membership.takeover(now);
    Lane.ClaimPage page = claim(schedules, slot, horizon, now, room, takeover);
    if (page.rows() > 0) {
      metrics.skipped(page.skipped());
      log.info(
          "Node {} claimed {} schedules, queued {} list deliveries ({} skipped as opted out)",
          properties.nodeName(),
          page.rows(),
          page.queued(),
          page.skipped());
    }
    List<Claimed> batch = page.leased();
    if (batch.isEmpty()) {
      batch = claim(queue, slot, horizon, now, room, takeover).leased();
      if (batch.isEmpty()) {
        return page.rows() > 0;
      }
    }
    offer(batch);
    return true;
  }

  private Lane.ClaimPage claim(
      Lane lane,
      String slot,
      Instant horizon,
      Instant now,
      int room,
      ClusterMembership.Takeover takeover) {
    Lane.ClaimPage page =
        lane.claim(
            new Lane.ClaimRequest(
                horizon,
                now,
                room,
                properties.lease(),
                properties.nodeName(),
                takeover,
                cursor(slot, lane),
                lane == schedules ? inboxCursors.getOrDefault(slot, Map.of()) : Map.of(),
                lane == schedules ? pacing.saturated() : Set.of()));
    cursors.put(new SlotLane(slot, lane), page.next());
    if (lane == schedules) {
      inboxCursors.put(slot, Map.copyOf(page.nextByInbox()));
      fullAt.compute(slot, (key, before) -> page.full() ? now : null);
    }
    return page;
  }

  private Cursor cursor(String slot, Lane lane) {
    return cursors.getOrDefault(new SlotLane(slot, lane), Cursor.START);
  }

  /**
   * Whether a burst is being claimed: a slot's last claim, within the last second, took a whole
   * batch. A node holding all it may, or a burst claimed ahead of its instant, is not pressure.
   */
  boolean inBurst() {
    Instant since = clock.instant().minus(CLAIMING);
    return fullAt.values().stream().anyMatch(since::isBefore);
  }

  private void offer(List<Claimed> batch) {
    int takenOver = (int) batch.stream().filter(c -> c.previousOwner() != null).count();
    metrics.claimed(batch.size(), takenOver);
    log.info(
        "Node {} claimed {} deliveries due from {}{}",
        properties.nodeName(),
        batch.size(),
        batch.get(0).due(),
        takenOver > 0 ? " (" + takenOver + " taken over from nodes that left)" : "");
    handOff.offer(assembler.prepare(batch, properties.nodeName()));
  }

  /**
   * How far ahead to claim: the lookahead, or the burst lookahead when a burst is coming. Mid-burst
   * (the slot's last claim was full, or the node holds a burst already) there is no need to ask
   * again: the question would read through the burst's leased rows to find none unclaimed.
   */
  private Instant horizon(Instant now, boolean midBurst) {
    Instant horizon = now.plus(properties.lookahead());
    Instant burstHorizon = now.plus(properties.burstLookahead());
    if (!burstHorizon.isAfter(horizon)) {
      return horizon;
    }
    int burst = properties.batchSize() * properties.workers();
    if (midBurst || handOff.held() >= burst) {
      return burstHorizon;
    }
    DueSchedules.NextInstant next = due.nextInstant(burstHorizon, burst);
    int count = next.singles() + directory.phonesIn(next.listIds(), burst);
    return count >= burst ? burstHorizon : horizon;
  }

  /** Each slot keeps a cursor per lane. */
  private record SlotLane(String slot, Lane lane) {}
}
