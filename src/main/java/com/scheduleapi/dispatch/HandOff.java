package com.scheduleapi.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds claimed deliveries until their instant, hands them to the sender, and queues the outcomes
 * for the writers: claim rounds fill the ready queue ahead of time, hand-off threads start the
 * sender calls on the instant (paced inboxes through {@link Pacing}), answers come back on the HTTP
 * client's threads, writers settle the outcomes, each stage apart from the others. At most
 * max-in-flight calls are open at once; a slow provider holds connections, not threads.
 */
@Component
class HandOff {

  private static final Logger log = LoggerFactory.getLogger(HandOff.class);

  private final DelayQueue<ReadyBatch> ready = new DelayQueue<>();
  // Lock-free: answers add each outcome as it comes, and the writers take them in batches; a
  // blocking queue's lock would have the answering threads queue up on it.
  private final Queue<Outcome> toWrite = new ConcurrentLinkedQueue<>();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicLong offered = new AtomicLong();
  // Deliveries of each inbox waiting in the ready queue, which ranks batches due at one instant.
  private final Map<Long, AtomicInteger> queued = new ConcurrentHashMap<>();
  private final DispatchProperties properties;
  private final Attempts attempts;
  private final OutcomeWriter writer;
  private final OptOutGate optOuts;
  private final Pacing pacing;
  private final Clock clock;
  private final Semaphore inFlight;
  private volatile boolean stopping;

  HandOff(
      DispatchProperties properties,
      Attempts attempts,
      OutcomeWriter writer,
      OptOutGate optOuts,
      Pacing pacing,
      Clock clock) {
    this.properties = properties;
    this.attempts = attempts;
    this.writer = writer;
    this.optOuts = optOuts;
    this.pacing = pacing;
    this.clock = clock;
    this.inFlight = new Semaphore(properties.maxInFlight());
  }

  /** Opens hand-off; the dispatcher calls it when it starts. */
  void open() {
    stopping = false;
    pacing.open(this::launch);
  }

  /** Deliveries claimed whose outcome has not yet gone to the writers. */
  int held() {
    return held.get();
  }

  /** Every change to the count of held deliveries goes through here. */
  private void hold(int delta) {
    held.addAndGet(delta);
  }

  /**
   * Queues prepared deliveries, one batch per due instant and inbox. Of batches due at one instant,
   * an inbox with fewer deliveries queued ahead of it goes first: one inbox's backlog does not hold
   * up another inbox's messages (CONTRACT §9).
   */
  void offer(List<Prepared> prepared) {
    hold(prepared.size());
    Map<Instant, Map<Long, List<Prepared>>> byDue =
        prepared.stream()
            .collect(
                Collectors.groupingBy(
                    p -> p.claimed().due(), Collectors.groupingBy(Prepared::inboxId)));
    byDue.forEach(
        (due, byInbox) ->
            byInbox.forEach(
                (inbox, batch) -> {
                  int ahead =
                      queued
                          .computeIfAbsent(inbox, i -> new AtomicInteger())
                          .getAndAdd(batch.size());
                  ready.add(
                      new ReadyBatch(
                          due, inbox, ahead, offered.incrementAndGet(), List.copyOf(batch), clock));
                }));
  }

  /** Hands over the next batch that is due, waiting up to {@code wait}. */
  boolean handOverNext(Duration wait) throws InterruptedException {
    ReadyBatch batch = ready.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (batch == null) {
      return false;
    }
    List<Prepared> now;
    try {
      now = pacing.route(optOuts.screen(batch.prepared()));
    } catch (RuntimeException e) {
      ready.add(batch); // the database is away and the inbox's pace unknown: the batch waits
      throw e;
    }
    queued.get(batch.inbox()).addAndGet(-batch.prepared().size());
    int i = 0;
    while (i < now.size() && !stopping) {
      launch(now.get(i++));
    }
    giveBack(now.subList(i, now.size()).stream().map(Prepared::claimed).toList()); // on a stop
    return true;
  }

  /**
   * Starts one sender call, waiting while max-in-flight calls are open; its outcome goes to the
   * writers as soon as it is known, so that what a node that dies had sent but not written is what
   * was in flight plus about one write batch.
   */
  private void launch(Prepared prepared) throws InterruptedException {
    if (prepared.outcome() != null) {
      toWrite.add(prepared.outcome());
      return;
    }
    inFlight.acquire();
    if (stopping) {
      inFlight.release();
      giveBack(List.of(prepared.claimed()));
      return;
    }
    try {
      attempts.attempt(prepared).whenComplete((outcome, thrown) -> answered(prepared, outcome));
    } catch (RuntimeException e) {
      inFlight.release();
      log.warn("Hand-off of delivery {} failed: {}", prepared.claimed().deliveryId(), e.toString());
      giveBack(List.of(prepared.claimed()));
    }
  }

  private void answered(Prepared prepared, Outcome outcome) {
    inFlight.release();
    String none = "no answer from the sender";
    toWrite.add(
        outcome != null ? outcome : Outcome.retry(prepared.claimed(), none, clock.instant()));
  }

  /**
   * Writes back the outcomes queued, up to a write batch or what comes within the write linger
   * after the first, which it waits up to {@code wait} for: under load the writes stay large, and
   * what is written lags what was sent by at most about one write batch.
   */
  boolean writeNext(Duration wait) throws InterruptedException {
    writer.writeKept();
    Duration linger = properties.writeLinger();
    Outcome first = toWrite.poll();
    if (first == null) {
      TimeUnit.NANOSECONDS.sleep(Math.min(wait.toNanos(), Math.max(1, linger.toNanos())));
      return false;
    }
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(first);
    // Let a write batch fill, for at most the linger: under load one statement then settles many
    // outcomes, and a full batch goes at once.
    long deadline = System.nanoTime() + linger.toNanos();
    drainInto(outcomes);
    while (outcomes.size() < properties.writeBatch() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(1);
      drainInto(outcomes);
    }
    try {
      writer.write(outcomes);
    } finally {
      hold(-outcomes.size());
    }
    return true;
  }

  private void drainInto(List<Outcome> outcomes) {
    Outcome next;
    while (outcomes.size() < properties.writeBatch() && (next = toWrite.poll()) != null) {
      outcomes.add(next);
    }
  }

  /** Whether a due batch waits, or more than a batch is at the sender or waiting to be written. */
  boolean busy() {
    ReadyBatch next = ready.peek();
    int waiting = queued.values().stream().mapToInt(AtomicInteger::get).sum();
    return next != null && next.getDelay(TimeUnit.NANOSECONDS) <= 0
        || held.get() - waiting > properties.batchSize();
  }

  /**
   * Stops handing over: everything not yet given to the sender (waiting for its instant, or due and
   * not yet sent) goes back, for this or another node to claim again; calls in flight finish and
   * their outcomes are written.
   */
  void stopSending() {
    stopping = true;
    List<Claimed> waiting = new ArrayList<>(pacing.close());
    for (ReadyBatch batch : new ArrayList<>(ready)) {
      if (ready.remove(batch)) {
        queued.get(batch.inbox()).addAndGet(-batch.prepared().size());
        batch.prepared().forEach(p -> waiting.add(p.claimed()));
      }
    }
    giveBack(waiting);
  }

  /** Releases claimed deliveries that were never handed to the sender. */
  private void giveBack(List<Claimed> claimed) {
    if (claimed.isEmpty()) {
      return;
    }
    int released = 0;
    try {
      Map<Lane, List<Claimed>> byLane =
          claimed.stream().collect(Collectors.groupingBy(Claimed::lane));
      for (Map.Entry<Lane, List<Claimed>> lane : byLane.entrySet()) {
        released += lane.getKey().release(lane.getValue(), properties.nodeName(), clock.instant());
      }
      log.info("Gave back {} claimed deliveries that were not handed over", released);
    } catch (RuntimeException e) {
      log.warn(
          "Could not give back {} claimed deliveries; they are taken over when their lease runs out: {}",
          claimed.size(),
          e.getMessage());
    } finally {
      hold(-claimed.size());
    }
  }
}
