package com.scheduleapi.dispatch;

import com.scheduleapi.sms.SendResult;
import com.scheduleapi.sms.SmsSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds claimed deliveries until their instant, hands them to the sender, and writes the outcomes
 * back, one statement per batch. Three stages run apart: claimers fill the ready queue ahead of
 * time, hand-off threads send on the instant, writers settle the outcomes.
 */
class HandOff {

  private static final Logger log = LoggerFactory.getLogger(HandOff.class);

  private final DelayQueue<Ready> ready = new DelayQueue<>();
  private final AtomicInteger held = new AtomicInteger();
  private final List<Deliveries.Outcome> unwritten = new ArrayList<>();
  private final BlockingQueue<List<Deliveries.Outcome>> toWrite = new LinkedBlockingQueue<>();
  private final DispatchProperties properties;
  private final Deliveries deliveries;
  private final SmsSender sender;
  private final DispatchMetrics metrics;
  private final RetryPolicy retries;
  private final ExecutorService senders;
  private final Clock clock;

  HandOff(
      DispatchProperties properties,
      Deliveries deliveries,
      SmsSender sender,
      DispatchMetrics metrics,
      RetryPolicy retries,
      ExecutorService senders,
      Clock clock) {
    this.properties = properties;
    this.deliveries = deliveries;
    this.sender = sender;
    this.metrics = metrics;
    this.retries = retries;
    this.senders = senders;
    this.clock = clock;
  }

  /** Messages claimed and not yet written back. */
  int held() {
    return held.get();
  }

  /** Queues prepared deliveries, one batch per due instant. */
  void offer(List<MessageAssembler.Prepared> prepared) {
    List<MessageAssembler.Prepared> sorted = new ArrayList<>(prepared);
    sorted.sort(Comparator.comparing(p -> p.claimed().due()));
    held.addAndGet(sorted.size());
    int from = 0;
    while (from < sorted.size()) {
      Instant due = sorted.get(from).claimed().due();
      int to = from;
      while (to < sorted.size() && sorted.get(to).claimed().due().equals(due)) {
        to++;
      }
      ready.add(new Ready(due, List.copyOf(sorted.subList(from, to)), clock));
      from = to;
    }
  }

  /**
   * Hands over the next batch that is due, waiting up to {@code wait}, and queues its outcomes for
   * {@link #writeNext}: sending is not held up by the writes of earlier batches.
   */
  boolean handOverNext(Duration wait) throws InterruptedException {
    Ready batch = ready.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (batch == null) {
      return false;
    }
    List<Deliveries.Outcome> outcomes;
    try {
      outcomes = sendAll(batch.prepared());
    } catch (RuntimeException e) {
      held.addAndGet(-batch.prepared().size());
      throw e;
    }
    toWrite.add(outcomes);
    return true;
  }

  /** Writes back the next batch of outcomes, waiting up to {@code wait}; answers whether it did. */
  boolean writeNext(Duration wait) throws InterruptedException {
    writeBackHeldOutcomes();
    List<Deliveries.Outcome> outcomes = toWrite.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (outcomes == null) {
      return false;
    }
    try {
      writeBack(outcomes);
    } finally {
      held.addAndGet(-outcomes.size());
    }
    return true;
  }

  /**
   * Writes outcomes that could not be written before (the database was away), so that what was sent
   * is never claimed and sent again. Called before every claim and hand-off; throws while the
   * database is still away.
   */
  void writeBackHeldOutcomes() {
    List<Deliveries.Outcome> outcomes = new ArrayList<>();
    synchronized (unwritten) {
      outcomes.addAll(unwritten);
      unwritten.clear();
    }
    if (!outcomes.isEmpty()) {
      writeBack(outcomes);
      log.info("Wrote back {} outcomes held while the database was away", outcomes.size());
    }
  }

  private void writeBack(List<Deliveries.Outcome> outcomes) {
    try {
      Deliveries.Recorded recorded =
          deliveries.record(outcomes, properties.nodeName(), clock.instant());
      if (recorded.written() < outcomes.size()) {
        log.warn(
            "{} of {} outcomes were not written: another node took over their expired lease",
            outcomes.size() - recorded.written(),
            outcomes.size());
      }
      deliveries.finish(recorded.listSchedules(), clock.instant());
    } catch (RuntimeException e) {
      synchronized (unwritten) {
        unwritten.addAll(outcomes);
      }
      throw e;
    }
  }

  /** Gives back what is still waiting for its instant, for this or another node to claim again. */
  void releaseWaiting() {
    List<Ready> waiting = new ArrayList<>();
    for (Ready batch : new ArrayList<>(ready)) {
      if (batch.getDelay(TimeUnit.NANOSECONDS) > 0 && ready.remove(batch)) {
        waiting.add(batch);
      }
    }
    List<Deliveries.Claimed> claimed =
        waiting.stream()
            .flatMap(r -> r.prepared().stream())
            .map(MessageAssembler.Prepared::claimed)
            .toList();
    if (!claimed.isEmpty()) {
      int released = deliveries.release(claimed, properties.nodeName(), clock.instant());
      log.info("Released {} claimed deliveries that were not yet due", released);
    }
    held.addAndGet(-claimed.size());
  }

  /**
   * Hands a batch to the sender on up to send-concurrency threads, in chunks, not one task each.
   */
  private List<Deliveries.Outcome> sendAll(List<MessageAssembler.Prepared> batch) {
    int chunks = Math.min(properties.sendConcurrency(), batch.size());
    int size = (batch.size() + chunks - 1) / chunks;
    List<CompletableFuture<List<Deliveries.Outcome>>> running = new ArrayList<>(chunks);
    for (int start = 0; start < batch.size(); start += size) {
      List<MessageAssembler.Prepared> chunk =
          batch.subList(start, Math.min(batch.size(), start + size));
      running.add(
          CompletableFuture.supplyAsync(
              () -> chunk.stream().map(this::outcomeOf).toList(), senders));
    }
    List<Deliveries.Outcome> outcomes = new ArrayList<>(batch.size());
    running.forEach(f -> outcomes.addAll(f.join()));
    return outcomes;
  }

  private Deliveries.Outcome outcomeOf(MessageAssembler.Prepared p) {
    return p.outcome() != null ? p.outcome() : send(p);
  }

  private Deliveries.Outcome send(MessageAssembler.Prepared p) {
    Deliveries.Claimed claimed = p.claimed();
    if (claimed.attempts() == 1) {
      metrics.handedOff(Duration.between(claimed.due(), clock.instant()));
    }
    SendResult result;
    try {
      result = sender.send(p.message());
    } catch (RuntimeException e) {
      result = new SendResult.Retry("sender threw " + e, null);
    }
    Instant now = clock.instant();
    if (result instanceof SendResult.Sent sent) {
      metrics.sent();
      return claimed.outcome(1, null, now, sent.providerMessageId(), null);
    }
    if (result instanceof SendResult.Retry retry && retries.mayRetry(claimed.attempts())) {
      metrics.retried();
      Duration delay = retries.delay(claimed.attempts(), retry.retryAfter());
      log.info(
          "Delivery {} attempt {} failed ({}); next attempt in {}",
          claimed.id(),
          claimed.attempts(),
          retry.error(),
          delay);
      return claimed.outcome(0, retry.error(), null, null, now.plus(delay));
    }
    String error =
        result instanceof SendResult.Failed failed
            ? failed.error()
            : "gave up after "
                + claimed.attempts()
                + " attempts: "
                + ((SendResult.Retry) result).error();
    metrics.failed();
    log.warn("Delivery {} failed: {}", claimed.id(), error);
    return claimed.outcome(2, error, null, null, null);
  }

  /** Deliveries due at one instant, held until then. */
  private record Ready(Instant due, List<MessageAssembler.Prepared> prepared, Clock clock)
      implements Delayed {

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
