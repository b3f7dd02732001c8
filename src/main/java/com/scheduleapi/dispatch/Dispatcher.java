package com.scheduleapi.dispatch;

import com.scheduleapi.sms.SendResult;
import com.scheduleapi.sms.SmsSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends what comes due, on every node at once. Each worker loops: fan out due schedules into
 * deliveries, claim a batch of due deliveries under a lease, hand each to the sender on its
 * instant, write the outcomes back in one statement. Rows are claimed up to {@code lookahead} early
 * so that hand-off starts on the instant itself.
 */
@Component
class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final DispatchProperties properties;
  private final FanOut fanOut;
  private final Deliveries deliveries;
  private final MessageAssembler assembler;
  private final SmsSender sender;
  private final DispatchMetrics metrics;
  private final Clock clock;
  private final RetryPolicy retries;
  private final List<Thread> workers = new ArrayList<>();
  private final List<Deliveries.Outcome> unwritten = new ArrayList<>();
  private final Set<Long> unfinished = new LinkedHashSet<>();
  private volatile boolean running;
  private volatile Instant lastSuccess = Instant.EPOCH;
  private volatile String lastError;
  private ExecutorService senders;

  Dispatcher(
      DispatchProperties properties,
      FanOut fanOut,
      Deliveries deliveries,
      MessageAssembler assembler,
      SmsSender sender,
      DispatchMetrics metrics,
      Clock clock) {
    this.properties = properties;
    this.fanOut = fanOut;
    this.deliveries = deliveries;
    this.assembler = assembler;
    this.sender = sender;
    this.metrics = metrics;
    this.clock = clock;
    this.retries = new RetryPolicy(properties, ThreadLocalRandom.current());
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || running) {
      return;
    }
    running = true;
    AtomicInteger senderThreads = new AtomicInteger();
    senders =
        Executors.newFixedThreadPool(
            properties.sendConcurrency(),
            r -> daemon(r, "sms-sender-" + senderThreads.incrementAndGet()));
    for (int i = 1; i <= properties.workers(); i++) {
      Thread worker = daemon(this::work, "dispatch-worker-" + i);
      workers.add(worker);
      worker.start();
    }
    log.info(
        "Dispatcher started on node {} with {} workers, batches of {}",
        properties.nodeName(),
        properties.workers(),
        properties.batchSize());
  }

  /** Stops claiming, lets each worker finish (and write back) the batch it holds, then returns. */
  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    for (Thread worker : workers) {
      try {
        worker.join(properties.lease().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
    senders.shutdown();
    log.info("Dispatcher on node {} stopped", properties.nodeName());
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Stop before the web server and the connection pool go away.
    return Integer.MAX_VALUE - 1000;
  }

  boolean enabled() {
    return properties.enabled();
  }

  Instant lastSuccess() {
    return lastSuccess;
  }

  String lastError() {
    return lastError;
  }

  private void work() {
    int failures = 0;
    while (running) {
      try {
        boolean busy = runOnce();
        lastSuccess = clock.instant();
        failures = 0;
        if (!busy) {
          pause(properties.pollInterval());
        }
      } catch (RuntimeException e) {
        failures++;
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("Dispatch round failed ({} in a row): {}", failures, lastError);
        pause(Duration.ofMillis(Math.min(5_000, 200L * failures)));
      }
    }
  }

  /** One round: fan out, claim, hand over, write back. Answers whether there was work. */
  boolean runOnce() {
    synchronized (unwritten) {
      // What was sent before the database went away is written first, or it would be sent again.
      writeBack();
    }
    Instant now = clock.instant();
    Instant horizon = now.plus(properties.lookahead());
    FanOut.Result fanned = fanOut.claimDue(horizon, now, properties.batchSize());
    if (fanned.schedules() > 0) {
      metrics.skipped(fanned.skipped());
      log.info(
          "Node {} fanned out {} schedules into {} deliveries ({} skipped as opted out)",
          properties.nodeName(),
          fanned.schedules(),
          fanned.deliveries(),
          fanned.skipped());
    }
    List<Deliveries.Claimed> batch =
        deliveries.claim(
            horizon, now.plus(properties.lease()), properties.nodeName(), properties.batchSize());
    if (batch.isEmpty()) {
      return fanned.schedules() > 0;
    }
    int takenOver = (int) batch.stream().filter(c -> c.previousOwner() != null).count();
    metrics.claimed(batch.size(), takenOver);
    log.info(
        "Node {} claimed {} deliveries due from {}{}",
        properties.nodeName(),
        batch.size(),
        batch.get(0).due(),
        takenOver > 0 ? " (" + takenOver + " taken over from expired leases)" : "");
    handOver(batch);
    return true;
  }

  private void handOver(List<Deliveries.Claimed> batch) {
    List<MessageAssembler.Prepared> prepared =
        new ArrayList<>(assembler.prepare(batch, properties.nodeName()));
    prepared.sort(Comparator.comparing(p -> p.claimed().due()));
    List<CompletableFuture<Deliveries.Outcome>> pending = new ArrayList<>(prepared.size());
    for (MessageAssembler.Prepared p : prepared) {
      if (p.outcome() != null) {
        pending.add(CompletableFuture.completedFuture(p.outcome()));
        continue;
      }
      waitUntil(p.claimed().due());
      pending.add(CompletableFuture.supplyAsync(() -> send(p), senders));
    }
    List<Deliveries.Outcome> outcomes = pending.stream().map(CompletableFuture::join).toList();
    synchronized (unwritten) {
      unwritten.addAll(outcomes);
      writeBack();
    }
  }

  /**
   * Writes the outcomes held back (and closes their schedules). Called with {@link #unwritten}
   * held; when the database is away it throws and keeps them, to be written before the next claim.
   */
  private void writeBack() {
    if (!unwritten.isEmpty()) {
      int written = deliveries.record(unwritten, properties.nodeName());
      if (written < unwritten.size()) {
        log.warn(
            "{} of {} outcomes were not written: another node took over their expired lease",
            unwritten.size() - written,
            unwritten.size());
      }
      unwritten.stream()
          .filter(Deliveries.Outcome::isFinal)
          .forEach(o -> unfinished.add(o.scheduleId()));
      unwritten.clear();
    }
    if (!unfinished.isEmpty()) {
      deliveries.finish(unfinished, clock.instant());
      unfinished.clear();
    }
  }

  private Deliveries.Outcome send(MessageAssembler.Prepared p) {
    Deliveries.Claimed claimed = p.claimed();
    Instant handOff = clock.instant();
    if (claimed.attempts() == 1) {
      metrics.handedOff(Duration.between(claimed.due(), handOff));
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
      return new Deliveries.Outcome(
          claimed.id(), claimed.scheduleId(), 1, null, now, sent.providerMessageId(), null);
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
      return new Deliveries.Outcome(
          claimed.id(), claimed.scheduleId(), 0, retry.error(), null, null, now.plus(delay));
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
    return new Deliveries.Outcome(claimed.id(), claimed.scheduleId(), 2, error, null, null, null);
  }

  private void waitUntil(Instant due) {
    Duration wait = Duration.between(clock.instant(), due);
    if (!wait.isNegative() && !wait.isZero()) {
      pause(wait);
    }
  }

  private static void pause(Duration duration) {
    try {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
