package com.scheduleapi.events;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Calls one endpoint with a round of events, asynchronously, never more than {@code maxInFlight} at
 * once. Redirects are followed (up to three, with the same POST) only to URLs the guard allows.
 */
final class WebhookCalls {

  private static final int MAX_HOPS = 3;

  private final RelayHttp http;
  private final UrlGuard guard;
  private final int maxInFlight;

  WebhookCalls(RelayHttp http, UrlGuard guard, int maxInFlight) {
    this.http = http;
    this.guard = guard;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Sends each event; the answer holds one outcome per event, in their order. An endpoint that
   * failed its last round gets one call first, and the rest only if that one is taken. Once a call
   * of the round fails before any succeeded, no further event is called: those not called fail
   * without a call and are tried again with the others, so a dead endpoint gets a handful of calls
   * a round rather than a whole batch.
   */
  CompletableFuture<List<Attempted>> sendAll(
      URI url, String secret, List<Pending> events, boolean failing) {
    Round round = new Round(url, new WebhookSigner(secret), events);
    if (failing && events.size() > 1) {
      return round.first().thenCompose(probed -> round.lanes(maxInFlight));
    }
    return round.lanes(maxInFlight);
  }

  /** The calls of one round: lanes take the next event not yet taken until none is left. */
  private final class Round {

    private final URI url;
    private final WebhookSigner signer;
    private final List<Pending> events;
    private final Attempted[] results;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean taken;
    private volatile boolean refused;

    Round(URI url, WebhookSigner signer, List<Pending> events) {
      this.url = url;
      this.signer = signer;
      this.events = events;
      this.results = new Attempted[events.size()];
    }

    CompletableFuture<List<Attempted>> lanes(int count) {
      List<CompletableFuture<Void>> lanes = new ArrayList<>();
      for (int i = 0; i < Math.min(count, events.size()); i++) {
        lanes.add(lane());
      }
      return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
          .thenApply(done -> outcomes());
    }

    /**
     * One call in flight: when it ends, the next event not yet taken goes out. A lane ends when a
     * call was refused before the endpoint took any; the lanes still calling go on if theirs are
     * taken.
     */
    CompletableFuture<Void> lane() {
      return step(true);
    }

    /** The first event alone: whether the endpoint takes it decides whether the rest go. */
    CompletableFuture<Void> first() {
      return step(false);
    }

    private CompletableFuture<Void> step(boolean goOn) {
      if (refused && !taken) {
        return CompletableFuture.completedFuture(null);
      }
      int index = next.getAndIncrement();
      if (index >= events.size()) {
        return CompletableFuture.completedFuture(null);
      }
      Pending pending = events.get(index);
      String body = pending.event().json();
      long timestamp = Instant.now().getEpochSecond();
      String signature = signer.sign(pending.event().id(), timestamp, body);
      return call(url, pending, body, timestamp, signature, 0)
          .thenCompose(
              attempted -> {
                results[index] = attempted;
                if (attempted.ok()) {
                  taken = true;
                } else {
                  refused = true;
                }
                return goOn ? lane() : CompletableFuture.completedFuture(null);
              });
    }

    /** Each event's outcome; those no lane called failed without a call. */
    private List<Attempted> outcomes() {
      for (int i = 0; i < results.length; i++) {
        if (results[i] == null) {
          results[i] = events.get(i).failed("not called: the endpoint refused this round's calls");
        }
      }
      return Arrays.asList(results);
    }
  }

  private CompletableFuture<Attempted> call(
      URI url, Pending pending, String body, long timestamp, String signature, int hops) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "schedule-api-webhooks");
    headers.put("webhook-id", pending.event().id());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", signature);
    return http.post(url, headers, body)
        .handle(
            (answer, error) -> {
              if (error != null) {
                return done(pending.failed("the call failed: " + describe(error)));
              }
              int status = answer.status();
              if (status >= 200 && status < 300) {
                return done(pending.succeeded());
              }
              if (status >= 300 && status < 400 && answer.location() != null) {
                return redirect(url, answer.location(), pending, body, timestamp, signature, hops);
              }
              return done(pending.failed("the endpoint answered " + status));
            })
        .thenCompose(Function.identity());
  }

  private CompletableFuture<Attempted> redirect(
      URI from,
      String location,
      Pending pending,
      String body,
      long timestamp,
      String signature,
      int hops) {
    if (hops >= MAX_HOPS) {
      return done(pending.failed("more than " + MAX_HOPS + " redirects"));
    }
    URI target;
    try {
      target = from.resolve(location);
    } catch (IllegalArgumentException e) {
      return done(pending.failed("redirected to an unusable location"));
    }
    Optional<String> refusal = guard.refusal(target);
    if (refusal.isPresent()) {
      return done(
          pending.failed("a redirect to " + target + " was not followed: it " + refusal.get()));
    }
    return call(target, pending, body, timestamp, signature, hops + 1);
  }

  private static CompletableFuture<Attempted> done(Attempted attempted) {
    return CompletableFuture.completedFuture(attempted);
  }

  private static String describe(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.toString();
  }

  /** An event to send in this round; {@code attempts} counts earlier failed calls. */
  record Pending(EventView event, long eventId, int attempts) {

    Pending with(EventView complete) {
      return new Pending(complete, eventId, attempts);
    }

    Attempted succeeded() {
      return new Attempted(this, true, null);
    }

    Attempted failed(String error) {
      return new Attempted(this, false, error);
    }
  }

  /** How one event's call went. */
  record Attempted(Pending pending, boolean ok, String error) {}
}
