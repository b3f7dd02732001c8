package com.scheduleapi.events;

import com.scheduleapi.web.FaultLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Delivers recorded events to webhook endpoints, on every node: it leases endpoints that have work,
 * and gives each a round of calls at a time (due retries, then the next events after its cursor).
 * Calls are asynchronous and bounded per endpoint, so a slow or dead endpoint holds up only itself;
 * the relay shares nothing with the dispatcher.
 */
@Component
class EventRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
  private static final String FAILING = "Webhook relay failing";
  private static final int MAX_ENDPOINTS = 256;

  private final EventsProperties properties;
  private final RelayStore store;
  private final RoundWriter rounds;
  private final SecretCipher cipher;
  private final UrlGuard guard;
  private final EventData data;
  private final FaultLog faults;
  private final boolean enabled;
  private final String node = "events-" + UUID.randomUUID();
  private final Set<Long> busy = ConcurrentHashMap.newKeySet();
  private final Yielding yielding;
  private ExecutorService workers;
  private RelayHttp http;
  private ScheduledExecutorService later;
  private WebhookCalls calls;
  private Thread loop;
  private volatile boolean running;

  EventRelay(
      EventsProperties properties,
      RelayStore store,
      RoundWriter rounds,
      SecretCipher cipher,
      UrlGuard guard,
      EventData data,
      ObjectProvider<SendingPressure> pressure,
      Environment environment) {
    this.data = data;
    this.yielding = new Yielding(pressure.getIfAvailable(() -> () -> false), properties.yieldMax());
    this.properties = properties;
    this.enabled =
        properties.relayEnabled() != null
            ? properties.relayEnabled()
            : environment.getProperty("schedule.dispatch.enabled", Boolean.class, true);
    this.store = store;
    this.rounds = rounds;
    this.cipher = cipher;
    this.guard = guard;
    this.faults = new FaultLog(log, Clock.systemUTC(), FaultLog.DEFAULT_INTERVAL);
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            4, r -> daemon(r, "events-relay-" + threads.incrementAndGet()));
    http = new RelayHttp(properties.timeout(), properties.maxInFlight());
    later = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "events-relay-later"));
    calls = new WebhookCalls(http, guard, properties.maxInFlight());
    running = true;
    loop = daemon(this::poll, "events-relay-poll");
    loop.start();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private void poll() {
    long renewed = System.nanoTime();
    while (running) {
      try {
        if (!busy.isEmpty() && System.nanoTime() - renewed > properties.lease().toNanos() / 3) {
          store.renew(node, Set.copyOf(busy), properties.lease());
          renewed = System.nanoTime();
        }
        int room = MAX_ENDPOINTS - busy.size();
        if (room > 0 && !yielding.now()) {
          for (Endpoint endpoint : store.claim(node, properties.lease(), room, Set.copyOf(busy))) {
            busy.add(endpoint.id());
            workers.execute(() -> round(endpoint));
          }
        }
        faults.recovered(FAILING);
      } catch (RuntimeException e) {
        faults.warn(FAILING, e.toString());
      }
      try {
        TimeUnit.NANOSECONDS.sleep(properties.pollInterval().toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One round for a leased endpoint; runs again at once while there is more and calls succeed. */
  private void round(Endpoint endpoint) {
    try {
      List<WebhookCalls.Pending> read =
          new ArrayList<>(store.dueRetries(endpoint.id(), properties.batch()));
      RelayStore.Scan scan = store.fresh(endpoint, properties.batch(), properties.retryFor());
      read.addAll(scan.events());
      List<WebhookCalls.Pending> events = data.completePending(read);
      Optional<String> refusal = guard.refusal(endpoint.url());
      CompletableFuture<List<WebhookCalls.Attempted>> sent =
          refusal.isPresent()
              ? CompletableFuture.completedFuture(
                  events.stream()
                      .map(e -> e.failed("not called: the url " + refusal.get()))
                      .toList())
              : calls.sendAll(
                  endpoint.url(),
                  cipher.decrypt(endpoint.secret()),
                  events,
                  endpoint.failures() > 0);
      sent.whenComplete(
          (attempted, error) ->
              workers.execute(
                  () ->
                      finish(
                          endpoint, scan, error == null ? attempted : List.of(), events.size())));
    } catch (RuntimeException e) {
      busy.remove(endpoint.id());
      faults.warn(FAILING, "webhook " + endpoint.id() + ": " + e);
    }
  }

  private void finish(
      Endpoint endpoint, RelayStore.Scan scan, List<WebhookCalls.Attempted> attempted, int tried) {
    long failed = attempted.stream().filter(a -> !a.ok()).count();
    boolean noneTaken = tried > 0 && failed == attempted.size();
    int failures = noneTaken ? endpoint.failures() + 1 : tried == 0 ? endpoint.failures() : 0;
    Duration pause = noneTaken ? properties.backoff(failures) : Duration.ZERO;
    boolean more =
        running && !noneTaken && (scan.full() || tried >= properties.batch()) && !yielding.now();
    RoundWriter.Round round =
        new RoundWriter.Round(
            attempted,
            scan.cursorTx(),
            scan.cursorId(),
            failures,
            attempted.stream().filter(a -> !a.ok()).map(a -> a.error()).findFirst().orElse(null),
            pause,
            more,
            properties.lease(),
            properties.retryFor(),
            properties::backoff);
    write(endpoint, round);
  }

  /**
   * Writes what a round did. While the database is away the round is kept and written once it is
   * back, so the events it delivered are not called again; the lease fences the write, so a round
   * another node took over in the meantime is dropped (and repeated there, at least once).
   */
  private void write(Endpoint endpoint, RoundWriter.Round round) {
    try {
      if (rounds.finish(endpoint, node, round) && round.keep()) {
        round(endpoint.after(round));
        return;
      }
      faults.recovered(FAILING);
    } catch (RuntimeException e) {
      faults.warn(FAILING, "webhook " + endpoint.id() + ": " + e);
      if (running) {
        later.schedule(() -> write(endpoint, round), 1, TimeUnit.SECONDS);
        return;
      }
    }
    busy.remove(endpoint.id());
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    loop.interrupt();
    try {
      loop.join(TimeUnit.SECONDS.toMillis(5));
      long deadline = System.nanoTime() + properties.timeout().toNanos();
      while (!busy.isEmpty() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    later.shutdownNow();
    http.close();
    try {
      store.releaseAll(node);
    } catch (RuntimeException e) {
      log.info("Could not give back webhook leases; they run out in {}", properties.lease());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Stops with the dispatcher, before Quartz and the connection pool.
    return Integer.MAX_VALUE - 1500;
  }
}
