package com.scheduleapi.dispatch;

import com.scheduleapi.web.FaultLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Runs this node's part of sending: claim rounds (fired by Quartz, see {@link ClaimRounds}), the
 * hand-off and write-back stages, lease renewal and the cluster membership check. Its phase stops
 * it after the web server has drained its requests and before Quartz, the connection pool and the
 * database go away.
 */
@Component
class Dispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** After the web server's graceful shutdown, before Quartz and the web server's stop. */
  static final int PHASE = Integer.MAX_VALUE - 1500;

  private final DispatchProperties properties;
  private final ClaimRounds rounds;
  private final HandOff handOff;
  private final List<Lane> lanes;
  private final ClusterMembership membership;
  private final Clock clock;
  private ExecutorService handers;
  private ExecutorService writers;
  private ScheduledExecutorService upkeep;
  private volatile boolean running;
  private volatile String lastError;
  private final FaultLog faults;

  Dispatcher(
      DispatchProperties properties,
      ClaimRounds rounds,
      HandOff handOff,
      List<Lane> lanes,
      ClusterMembership membership,
      Clock clock) {
    this.properties = properties;
    this.rounds = rounds;
    this.handOff = handOff;
    this.lanes = lanes;
    this.membership = membership;
    this.clock = clock;
    this.faults = new FaultLog(log, clock, FaultLog.DEFAULT_INTERVAL);
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || running) {
      return;
    }
    handOff.open();
    handers = Executors.newFixedThreadPool(properties.workers(), named("dispatch-hand-off-"));
    writers = Executors.newFixedThreadPool(properties.workers(), named("dispatch-writer-"));
    for (int i = 0; i < properties.workers(); i++) {
      handers.execute(
          () ->
              drain(
                  handOff::handOverNext,
                  "Hand-off failing; the deliveries come due again after their lease"));
      writers.execute(
          () ->
              drain(
                  handOff::writeNext, "Writing outcomes failing; they are kept and written again"));
    }
    upkeep = Executors.newSingleThreadScheduledExecutor(named("dispatch-upkeep-"));
    upkeep.scheduleWithFixedDelay(membership::refresh, 0, 1, TimeUnit.SECONDS);
    long every = properties.lease().dividedBy(4).toMillis();
    upkeep.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    running = true;
    rounds.open();
    log.info(
        "Dispatcher started on node {} with {} workers, batches of {}",
        properties.nodeName(),
        properties.workers(),
        properties.batchSize());
  }

  /**
   * Stops claiming, gives back what was not yet handed to the sender, lets the calls in flight
   * finish, writes back every outcome, then returns.
   */
  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    rounds.close();
    handOff.stopSending();
    Instant deadline = clock.instant().plus(properties.lease());
    while (handOff.held() > 0 && clock.instant().isBefore(deadline)) {
      pause(properties.pollInterval());
    }
    running = false;
    shutDown(handers);
    shutDown(writers);
    shutDown(upkeep);
    log.info("Dispatcher on node {} stopped", properties.nodeName());
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  boolean enabled() {
    return properties.enabled();
  }

  String lastError() {
    return lastError != null ? lastError : rounds.lastError();
  }

  /** Renews this node's leases while it holds claimed work. */
  private void renewLeases() {
    if (handOff.held() == 0) {
      return;
    }
    try {
      Instant now = clock.instant();
      lanes.forEach(lane -> lane.renewLeases(properties.nodeName(), now, properties.lease()));
    } catch (RuntimeException e) {
      faults.warn(
          "Lease renewal failing", NestedExceptionUtils.getMostSpecificCause(e).getMessage(), e);
    }
  }

  /** Runs one stage until the dispatcher stops, riding out failures. */
  private void drain(Step step, String failure) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (step.run(properties.pollInterval())) {
          faults.recovered(failure);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The driver's own words: a wrapper's message repeats the whole statement.
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        faults.warn(failure, lastError, e);
        pause(Duration.ofMillis(500));
      }
    }
  }

  private interface Step {
    boolean run(Duration wait) throws InterruptedException;
  }

  private void shutDown(ExecutorService executor) {
    executor.shutdownNow();
    try {
      executor.awaitTermination(properties.lease().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(Duration duration) {
    try {
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Daemon threads named prefix-1, prefix-2, … */
  static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> daemon(r, prefix + count.incrementAndGet());
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
