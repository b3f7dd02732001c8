package com.scheduleapi.dispatch;

import com.scheduleapi.web.DatabaseUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes providers' delivery receipts (CONTRACT §13) and writes them in batches: what arrives while
 * one batch is written (or within a couple of milliseconds of its first receipt) goes in the next,
 * one transaction for up to {@value #BATCH}. So the more callbacks arrive at once, the more share a
 * commit (BENCHMARKS.md, receipts). Each caller is answered once its batch has committed. A receipt
 * can overtake the write of its message's outcome (the provider calls back before the sent outcome
 * is written): one whose message is not found is tried again about once a second for {@link #HOLD},
 * then dropped.
 */
@Component
public class Receipts implements SmartLifecycle {

  static final int BATCH = 1000;
  private static final long LINGER_NANOS = Duration.ofMillis(2).toNanos();
  private static final Duration HOLD = Duration.ofSeconds(60);
  private static final int HOLD_AT_MOST = 10_000;
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ReceiptWriter writer;
  private final Unmatched unmatched = new Unmatched(HOLD, HOLD_AT_MOST);
  private volatile Thread flusher;

  Receipts(ReceiptWriter writer) {
    this.writer = writer;
  }

  /**
   * Records a receipt with the next batch and answers, once that batch has committed, whether it
   * moved a delivery (false: unknown, or the delivery had its receipt already).
   */
  public boolean record(Receipt receipt) {
    if (flusher == null) {
      return writer.write(List.of(receipt)).moved().contains(receipt.providerMessageId());
    }
    Pending pending = new Pending(receipt, new CompletableFuture<>());
    queue.add(pending);
    try {
      return pending.written().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new DatabaseUnavailable();
    } catch (TimeoutException e) {
      throw new DatabaseUnavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailable();
    }
  }

  /** Receipts waiting for the next batch. */
  int waiting() {
    return queue.size();
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        flush(first == null ? List.of() : collect(first));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The first receipt and what comes within the linger, or is already waiting, up to a batch. */
  private List<Pending> collect(Pending first) throws InterruptedException {
    List<Pending> batch = new ArrayList<>();
    batch.add(first);
    long deadline = System.nanoTime() + LINGER_NANOS;
    while (batch.size() < BATCH) {
      Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
    }
    return batch;
  }

  private void flush(List<Pending> batch) {
    List<Receipt> retried = unmatched.due();
    if (batch.isEmpty() && retried.isEmpty()) {
      return;
    }
    // The first receipt of a message wins; a later one in the same batch changes nothing.
    Map<String, Receipt> first = new LinkedHashMap<>();
    retried.forEach(r -> first.putIfAbsent(r.providerMessageId(), r));
    batch.forEach(p -> first.putIfAbsent(p.receipt().providerMessageId(), p.receipt()));
    ReceiptWriter.Written written;
    try {
      written = writer.write(List.copyOf(first.values()));
    } catch (RuntimeException e) {
      batch.forEach(p -> p.written().completeExceptionally(e));
      return;
    }
    // Held receipts that found their message (moved, or it had its receipt already) are done.
    unmatched.settled(
        retried.stream()
            .map(Receipt::providerMessageId)
            .filter(id -> !written.unknown().contains(id))
            .toList());
    for (Pending p : batch) {
      String id = p.receipt().providerMessageId();
      if (written.unknown().contains(id)) {
        unmatched.hold(p.receipt());
      }
      p.written().complete(written.moved().contains(id));
    }
  }

  @Override
  public synchronized void start() {
    Thread thread = new Thread(this::run, "dispatch-receipts");
    thread.setDaemon(true);
    flusher = thread;
    thread.start();
  }

  /** Stops the batching thread and writes what is still queued; later receipts go one by one. */
  @Override
  public synchronized void stop() {
    Thread thread = flusher;
    flusher = null;
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join(ANSWER_WITHIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    if (!left.isEmpty()) {
      flush(left);
    }
  }

  @Override
  public boolean isRunning() {
    return flusher != null;
  }

  /** Stops with the dispatcher: after the web server has drained its requests. */
  @Override
  public int getPhase() {
    return Dispatcher.PHASE;
  }

  private record Pending(Receipt receipt, CompletableFuture<Boolean> written) {}
}
