package com.scheduleapi.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds claimed deliveries until their instant, hands them to the sender, and queues the outcomes
 * for the writers: claim rounds fill the ready queue ahead of time, hand-off threads send on the
 * instant, writers settle the outcomes, each stage apart from the others.
 */
@Component
class HandOff {

  private static final Logger log = LoggerFactory.getLogger(HandOff.class);

  private final DelayQueue<Ready> ready = new DelayQueue<>();
  // Lock-free: every sender thread adds each outcome as it comes, and the writers take them in
  // batches; a blocking queue's lock would have the sender threads queue up on it.
  private final Queue<Outcome> toWrite = new ConcurrentLinkedQueue<>();
  private final AtomicInteger held = new AtomicInteger();
  private final DispatchProperties properties;
  private final Attempts attempts;
  private final OutcomeWriter writer;
  private final OptOutGate optOuts;
  private final Clock clock;
  private ExecutorService senders;
  private volatile boolean stopping;

  HandOff(
      DispatchProperties properties,
      Attempts attempts,
      OutcomeWriter writer,
      OptOutGate optOuts,
      Clock clock) {
    this.properties = properties;
    this.attempts = attempts;
    this.writer = writer;
    this.optOuts = optOuts;
    this.clock = clock;
  }

  /** Starts the sender threads; the dispatcher calls it when it starts. */
  void open() {
    stopping = false;
    senders =
        Executors.newFixedThreadPool(properties.sendConcurrency(), Dispatcher.named("sms-sender-"));
  }

  /** Stops the sender threads once nothing is held. */
  void close() {
    senders.shutdown();
  }

  /** Deliveries claimed whose outcome has not yet gone to the writers. */
  int held() {
    return held.get();
  }

  /** Every change to the count of held deliveries goes through here. */
  private void hold(int delta) {
    held.addAndGet(delta);
  }

  /** Queues prepared deliveries, one batch per due instant. */
  void offer(List<Prepared> prepared) {
    hold(prepared.size());
    Map<Instant, List<Prepared>> byDue =
        prepared.stream().collect(Collectors.groupingBy(p -> p.claimed().due()));
    byDue.forEach((due, batch) -> ready.add(new Ready(due, List.copyOf(batch), clock)));
  }

  /** Hands over the next batch that is due, waiting up to {@code wait}. */
  boolean handOverNext(Duration wait) throws InterruptedException {
    Ready batch = ready.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (batch == null) {
      return false;
    }
    sendAll(optOuts.screen(batch.prepared()));
    return true;
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

  /** Writes outcomes kept while the database was away; throws while it still is. */
  void writeKept() {
    writer.writeKept();
  }

  /**
   * Stops handing over: everything not yet given to the sender (waiting for its instant, or due and
   * not yet sent) goes back, for this or another node to claim again; calls in flight finish and
   * their outcomes are written.
   */
  void stopSending() {
    stopping = true;
    List<Claimed> waiting = new ArrayList<>();
    for (Ready batch : new ArrayList<>(ready)) {
      if (ready.remove(batch)) {
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

  /**
   * Hands a batch to the sender on up to send-concurrency threads, in chunks, not one task each.
   * Each outcome goes to the writers as soon as it is known, so that what a node that dies had sent
   * but not written is what was in flight plus about one write batch.
   */
  private void sendAll(List<Prepared> batch) {
    int chunks = Math.min(properties.sendConcurrency(), batch.size());
    int size = (batch.size() + chunks - 1) / chunks;
    List<CompletableFuture<Void>> running = new ArrayList<>(chunks);
    for (int start = 0; start < batch.size(); start += size) {
      List<Prepared> chunk = batch.subList(start, Math.min(batch.size(), start + size));
      running.add(CompletableFuture.runAsync(() -> attemptAll(chunk), senders));
    }
    running.forEach(CompletableFuture::join);
  }

  /** Attempts each delivery of a chunk in turn; once stopping, the rest are given back unsent. */
  private void attemptAll(List<Prepared> chunk) {
    List<Claimed> unsent = new ArrayList<>();
    for (Prepared prepared : chunk) {
      if (stopping && prepared.outcome() == null) {
        unsent.add(prepared.claimed());
      } else {
        try {
          toWrite.add(attempts.attempt(prepared));
        } catch (RuntimeException e) {
          log.warn(
              "Hand-off of delivery {} failed: {}", prepared.claimed().deliveryId(), e.toString());
          unsent.add(prepared.claimed());
        }
      }
    }
    giveBack(unsent);
  }

  /** Deliveries due at one instant, held until then. */
  private record Ready(Instant due, List<Prepared> prepared, Clock clock) implements Delayed {

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due));
    }

    @Override
    public int compareTo(Delayed other) {
      return due.compareTo(((Ready) other).due);
    }
  }
}
