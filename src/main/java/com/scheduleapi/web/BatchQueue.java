package com.scheduleapi.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Items that request threads hand over one at a time and worker threads take in batches, so that
 * the requests arriving together share one statement and one round trip: each caller queues its
 * item and waits for the outcome it carries; a worker takes what has queued (up to a batch) and
 * hands it to the handler, which completes every item's outcome. Before start and after stop an
 * item is handled alone on the caller's thread. The owner starts and stops it with its lifecycle.
 */
public final class BatchQueue<T> {

  /**
   * The lifecycle phase of an owner: it stops after the web server has finished its requests, so
   * that no request is left waiting on a queue whose workers are gone.
   */
  public static final int PHASE = Integer.MAX_VALUE - 2000;

  private final String name;
  private final int workers;
  private final int maxBatch;
  private final Consumer<List<T>> handler;
  private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  /** {@code workers} threads named after {@code name}, each handing batches to {@code handler}. */
  public BatchQueue(String name, int workers, int maxBatch, Consumer<List<T>> handler) {
    this.name = name;
    this.workers = workers;
    this.maxBatch = maxBatch;
    this.handler = handler;
  }

  /** Hands the item over: to the workers while they run, else to the handler on this thread. */
  public void submit(T item) {
    if (running) {
      queue.add(item);
      if (running || !queue.remove(item)) {
        return; // the workers have it (they drain the queue as they stop)
      }
    }
    handler.accept(List.of(item));
  }

  /**
   * Takes every item still queued, for a handler that fails them at once: when the database is
   * away, each would otherwise wait out the pool's timeout again in a batch of its own.
   */
  public List<T> takeWaiting() {
    List<T> waiting = new ArrayList<>();
    queue.drainTo(waiting);
    return waiting;
  }

  /** Items queued and not yet taken by a worker. */
  public int waiting() {
    return queue.size();
  }

  public void start() {
    running = true;
    for (int i = 0; i < workers; i++) {
      Thread worker = new Thread(this::work, name + "-" + i);
      worker.setDaemon(true);
      worker.start();
      threads.add(worker);
    }
  }

  /** Stops the workers once they have handled what was queued, then handles what came after. */
  public void stop() {
    running = false;
    for (Thread worker : threads) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    List<T> rest = takeWaiting();
    if (!rest.isEmpty()) {
      handler.accept(rest);
    }
  }

  public boolean isRunning() {
    return running;
  }

  private void work() {
    while (running || !queue.isEmpty()) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<T> batch = new ArrayList<>(Math.min(maxBatch, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        handler.accept(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Waits for an item's outcome; a failure is rethrown as the handler gave it. */
  public static <R> R await(CompletableFuture<R> outcome) {
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
