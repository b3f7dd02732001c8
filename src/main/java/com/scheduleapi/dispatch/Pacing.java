package com.scheduleapi.dispatch;

import com.scheduleapi.directory.DirectoryLookups;
import com.scheduleapi.web.FaultLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Paces hand-off per inbox across the cluster (CONTRACT §9): deliveries of an inbox with an {@code
 * mps} wait here, in due order, for send slots reserved from the inbox's shared budget ({@link
 * PaceBudget}); an inbox a provider slowed down (429) waits until its Retry-After. Other deliveries
 * pass straight through.
 */
@Component
class Pacing {

  private static final Logger log = LoggerFactory.getLogger(Pacing.class);
  private static final String FAULT = "Pacing failing";

  /** Seconds of sending a node holds claimed per paced inbox; claims skip the inbox beyond it. */
  private static final int HOLD_SECONDS = 10;

  private final PaceBudget budget;
  private final DirectoryLookups directory;
  private final Clock clock;
  private final FaultLog faults;
  private final Map<Long, InboxPacer> inboxes = new ConcurrentHashMap<>();
  private final Map<Long, Instant> paused = new ConcurrentHashMap<>();
  private volatile long pausesReadAt;
  private volatile ScheduledExecutorService ticks;
  private volatile HandOver handOver;

  Pacing(PaceBudget budget, DirectoryLookups directory, Clock clock) {
    this.budget = budget;
    this.directory = directory;
    this.clock = clock;
    this.faults = new FaultLog(log, clock, FaultLog.DEFAULT_INTERVAL);
  }

  /** Where a paced delivery goes when its slot comes. */
  interface HandOver {
    void handOver(Prepared prepared) throws InterruptedException;
  }

  void open(HandOver handOver) {
    this.handOver = handOver;
    ticks = Executors.newScheduledThreadPool(2, Dispatcher.named("dispatch-pacer-"));
  }

  /** Stops pacing; answers every delivery still waiting, to be given back. */
  List<Claimed> close() {
    if (ticks != null) {
      ticks.shutdownNow();
    }
    List<Claimed> waiting = new ArrayList<>();
    inboxes.values().forEach(p -> p.drain().forEach(d -> waiting.add(d.claimed())));
    inboxes.clear();
    return waiting;
  }

  /** Keeps the deliveries of paced or slowed-down inboxes; answers the rest, to send now. */
  List<Prepared> route(List<Prepared> batch) {
    Set<Long> inboxIds = new HashSet<>();
    batch.forEach(p -> inboxIds.add(p.inboxId()));
    inboxIds.remove(-1L);
    Map<Long, Integer> paces = directory.paces(inboxIds);
    readPauses();
    Instant now = clock.instant();
    List<Prepared> sendNow = new ArrayList<>(batch.size());
    for (Prepared prepared : batch) {
      long inbox = prepared.inboxId();
      Integer mps = paces.get(inbox);
      if (inbox < 0 || (mps == null && !pausedAt(inbox, now))) {
        sendNow.add(prepared);
      } else {
        enqueue(inbox, prepared, mps);
      }
    }
    return sendNow;
  }

  /** The provider answered 429: no node hands this inbox anything before {@code until}. */
  void throttle(long inboxId, Instant until) {
    paused.merge(inboxId, until, (a, b) -> a.isAfter(b) ? a : b);
    ScheduledExecutorService executor = ticks;
    if (executor != null && !executor.isShutdown()) {
      executor.execute(
          () -> {
            try {
              budget.pause(inboxId, until);
            } catch (RuntimeException e) {
              faults.warn(FAULT, "could not share the pause of inbox " + inboxId, e);
            }
          });
    }
  }

  /** Inboxes claims should leave for now: held up to their cap here, or slowed down. */
  Set<Long> saturated() {
    readPauses();
    Instant now = clock.instant();
    Set<Long> skip = new HashSet<>();
    paused.forEach(
        (inbox, until) -> {
          if (until.isAfter(now)) {
            skip.add(inbox);
          }
        });
    inboxes.forEach(
        (inbox, pacer) -> {
          Integer mps = pacer.mps();
          if (mps != null && pacer.waiting() >= Math.max(mps * HOLD_SECONDS, 10)) {
            skip.add(inbox);
          }
        });
    return skip;
  }

  private void enqueue(long inbox, Prepared prepared, Integer mps) {
    boolean[] schedule = {false};
    InboxPacer pacer =
        inboxes.compute(
            inbox,
            (id, existing) -> {
              InboxPacer p = existing != null ? existing : new InboxPacer(id);
              schedule[0] = p.add(prepared, mps);
              return p;
            });
    if (schedule[0]) {
      at(pacer, clock.instant());
    }
  }

  private void tick(InboxPacer pacer) {
    Instant now = clock.instant();
    try {
      InboxPacer.Step step = pacer.next(now, paused.get(pacer.inboxId()));
      switch (step.kind()) {
        case IDLE -> inboxes.computeIfPresent(pacer.inboxId(), (id, p) -> p.idle() ? null : p);
        case WAIT -> at(pacer, step.at());
        case RESERVE -> {
          Instant first = budget.reserve(pacer.inboxId(), step.reserve(), step.spacing(), now);
          pacer.reserved(first, step.reserve(), step.spacing());
          at(pacer, now);
        }
        case HAND_OVER -> {
          for (Prepared prepared : step.handOver()) {
            handOverOrExpire(prepared);
          }
          at(pacer, clock.instant());
        }
      }
      faults.recovered(FAULT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      faults.warn(FAULT, "inbox " + pacer.inboxId() + ": " + e.getMessage(), e);
      at(pacer, now.plusMillis(500));
    }
  }

  /**
   * The one place a delivery that waited for pacing or a pause is handed over; expire_at (CONTRACT
   * §8) is checked as the call starts ({@link Attempts}), so one that waited too long is expired.
   */
  private void handOverOrExpire(Prepared prepared) throws InterruptedException {
    handOver.handOver(prepared);
  }

  private void at(InboxPacer pacer, Instant when) {
    long delay = Math.max(0, Duration.between(clock.instant(), when).toNanos());
    ScheduledExecutorService executor = ticks;
    if (executor != null && !executor.isShutdown()) {
      executor.schedule(() -> tick(pacer), delay, TimeUnit.NANOSECONDS);
    }
  }

  private boolean pausedAt(long inbox, Instant now) {
    Instant until = paused.get(inbox);
    return until != null && until.isAfter(now);
  }

  /** Pauses set by other nodes, read at most once a second. */
  private void readPauses() {
    long now = System.nanoTime();
    if (now - pausesReadAt < 1_000_000_000L) {
      return;
    }
    pausesReadAt = now;
    Instant at = clock.instant();
    try {
      budget
          .paused(at)
          .forEach((inbox, until) -> paused.merge(inbox, until, (a, b) -> a.isAfter(b) ? a : b));
    } catch (RuntimeException e) {
      // The database is away: the pauses known here hold until it is back.
      faults.warn(FAULT, "pauses of other nodes unreadable: " + e.getMessage(), e);
    }
    paused.values().removeIf(until -> !until.isAfter(at));
  }
}
