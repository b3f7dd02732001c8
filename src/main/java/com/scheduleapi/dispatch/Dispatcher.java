package com.scheduleapi.dispatch;

import com.scheduleapi.sms.SmsSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final List<Thread> claimers = new ArrayList<>();
  private final List<Thread> handers = new ArrayList<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean claiming;
  private volatile boolean handing;
  private volatile Instant lastSuccess = Instant.EPOCH;
  private volatile String lastError;
  private ExecutorService senders;
  private HandOff handOff;
  private Thread keeper;

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
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || claiming) {
      return;
    }
    AtomicInteger senderThreads = new AtomicInteger();
    senders =
        Executors.newFixedThreadPool(
            properties.sendConcurrency(),
            r -> daemon(r, "sms-sender-" + senderThreads.incrementAndGet()));
    handOff =
        new HandOff(
            properties,
            deliveries,
            sender,
            metrics,
            new RetryPolicy(properties, new Random()),
            senders,
            clock);
    claiming = true;
    handing = true;
    for (int i = 1; i <= properties.workers(); i++) {
      claimers.add(daemon(this::claim, "dispatch-claimer-" + i));
      handers.add(daemon(this::handOver, "dispatch-hand-off-" + i));
      writers.add(daemon(this::writeBack, "dispatch-writer-" + i));
    }
    claimers.forEach(Thread::start);
    handers.forEach(Thread::start);
    writers.forEach(Thread::start);
    keeper = daemon(this::keepLeases, "dispatch-lease-keeper");
    keeper.start();
    log.info(
        "Dispatcher started on node {} with {} workers, batches of {}",
        properties.nodeName(),
        properties.workers(),
        properties.batchSize());
  }

  /**
   * Stops claiming, hands over what is due, gives back what is not yet due, writes back every
   * outcome, then returns.
   */
  @Override
  public synchronized void stop() {
    if (!claiming) {
      return;
    }
    claiming = false;
    join(claimers);
    handOff.releaseWaiting();
    Instant deadline = clock.instant().plus(properties.lease());
    while (handOff.held() > 0 && clock.instant().isBefore(deadline)) {
      pause(properties.pollInterval());
    }
    handing = false;
    join(handers);
    join(writers);
    join(new ArrayList<>(List.of(keeper)));
    senders.shutdown();
    log.info("Dispatcher on node {} stopped", properties.nodeName());
  }

  private void join(List<Thread> threads) {
    for (Thread thread : threads) {
      try {
        thread.join(properties.lease().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return claiming;
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

  private void claim() {
    FanOut.Position position = new FanOut.Position();
    int failures = 0;
    while (claiming) {
      try {
        boolean busy = handOff.held() < properties.maxHeld() && claimOnce(position);
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

  /** Renews this node's leases a few times per lease while it holds claimed work. */
  private void keepLeases() {
    Duration every = properties.lease().dividedBy(4);
    while (handing) {
      pause(every);
      if (handOff.held() > 0) {
        try {
          Instant now = clock.instant();
          deliveries.renewLeases(
              properties.nodeName(),
              now,
              properties.lease(),
              now.plus(properties.burstLookahead()));
        } catch (RuntimeException e) {
          log.warn("Could not renew leases: {}", e.getMessage());
        }
      }
    }
  }

  private void writeBack() {
    drain(
        () -> handOff.writeNext(properties.pollInterval()),
        "Writing outcomes failed; they are kept and written again: {}");
  }

  private void handOver() {
    drain(
        () -> handOff.handOverNext(properties.pollInterval()),
        "Hand-off failed; the claimed deliveries come due again after their lease: {}");
  }

  /** Runs one stage of the hand-off queue until the dispatcher stops, riding out failures. */
  private void drain(Step step, String failure) {
    while (handing) {
      try {
        step.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn(failure, lastError);
        pause(Duration.ofMillis(500));
      }
    }
  }

  private interface Step {
    void run() throws InterruptedException;
  }

  /**
   * One claim: fan out due schedules, else claim due deliveries, and queue them for their instant.
   * Rows are claimed up to the lookahead early; when a burst is coming (more due within the burst
   * lookahead than the workers' batches hold) they are claimed that much earlier, so hand-off
   * starts on the instant. Answers whether there was work.
   */
  boolean claimOnce(FanOut.Position position) {
    handOff.writeBackHeldOutcomes();
    Instant now = clock.instant();
    int room = Math.min(properties.batchSize(), properties.maxHeld() - handOff.held());
    Instant horizon = now.plus(properties.lookahead());
    Instant burstHorizon = now.plus(properties.burstLookahead());
    int burst = properties.batchSize() * properties.workers();
    // Mid-burst (the last claim was full) there is no need to ask again whether one is coming.
    if (burstHorizon.isAfter(horizon)
        && (position.isSet() || fanOut.dueCount(burstHorizon, burst) >= burst)) {
      horizon = burstHorizon;
    }
    FanOut.Result fanned =
        fanOut.claimDue(horizon, now, room, properties.lease(), properties.nodeName(), position);
    if (fanned.schedules() > 0) {
      metrics.skipped(fanned.skipped());
      log.info(
          "Node {} fanned out {} schedules into {} deliveries ({} skipped as opted out)",
          properties.nodeName(),
          fanned.schedules(),
          fanned.deliveries(),
          fanned.skipped());
    }
    List<Deliveries.Claimed> batch = fanned.leased();
    if (batch.isEmpty()) {
      batch = deliveries.claim(horizon, now, properties.lease(), properties.nodeName(), room);
      if (batch.isEmpty()) {
        return fanned.schedules() > 0;
      }
    }
    int takenOver = (int) batch.stream().filter(c -> c.previousOwner() != null).count();
    metrics.claimed(batch.size(), takenOver);
    log.info(
        "Node {} claimed {} deliveries due from {}{}",
        properties.nodeName(),
        batch.size(),
        batch.get(0).due(),
        takenOver > 0 ? " (" + takenOver + " taken over from expired leases)" : "");
    handOff.offer(assembler.prepare(batch, properties.nodeName()));
    return true;
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
