package com.scheduleapi.dispatch;

import com.scheduleapi.directory.OptOuts;
import com.scheduleapi.sms.OutgoingMessage;
import com.scheduleapi.sms.SendResult;
import com.scheduleapi.sms.SmsSender;
import com.scheduleapi.web.FaultLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt at a delivery: hands it to the sender and turns the answer into an outcome, a retry
 * with backoff while attempts remain.
 */
@Component
class Attempts {

  private static final Logger log = LoggerFactory.getLogger(Attempts.class);
  private static final String PROVIDER = "Sender failing, retrying";
  private static final String FAILED = "Deliveries failed for good";

  private final SmsSender sender;
  private final RetryPolicy retries;
  private final DispatchMetrics metrics;
  private final Clock clock;
  private final FaultLog faults;
  private final Pacing pacing;

  Attempts(
      SmsSender sender,
      DispatchProperties properties,
      DispatchMetrics metrics,
      Pacing pacing,
      Clock clock) {
    this.sender = sender;
    this.pacing = pacing;
    this.retries = new RetryPolicy(properties, new Random());
    this.metrics = metrics;
    this.clock = clock;
    this.faults = new FaultLog(log, clock, FaultLog.DEFAULT_INTERVAL);
  }

  /** Hands a delivery to the sender; the stage completes with its outcome, never exceptionally. */
  CompletionStage<Outcome> attempt(Prepared prepared) {
    if (prepared.outcome() != null) {
      return CompletableFuture.completedFuture(prepared.outcome());
    }
    Optional<Outcome> expired = Expiry.check(prepared, clock.instant());
    if (expired.isPresent()) {
      return CompletableFuture.completedFuture(expired.get());
    }
    Claimed claimed = prepared.claimed();
    if (claimed.attempts() == 1) {
      metrics.handedOff(Duration.between(claimed.due(), clock.instant()));
    }
    CompletionStage<SendResult> result;
    try {
      result = sender.send(prepared.message());
    } catch (RuntimeException e) {
      result = CompletableFuture.completedFuture(new SendResult.Retry("sender threw " + e, null));
    }
    return result.handle(
        (sent, thrown) ->
            outcomeOf(
                prepared,
                thrown != null ? new SendResult.Retry("sender failed: " + thrown, null) : sent));
  }

  private Outcome outcomeOf(Prepared prepared, SendResult result) {
    Claimed claimed = prepared.claimed();
    Instant now = clock.instant();
    if (result instanceof SendResult.Throttled throttled) {
      return throttled(prepared, throttled, now);
    }
    if (result instanceof SendResult.OptedOut optedOut) {
      // The provider's word that the recipient texted STOP: skipped, and opted out of the team.
      metrics.skipped(1);
      OutgoingMessage message = prepared.message();
      log.info("Delivery {}: {}; the contact is opted out", claimed.deliveryId(), optedOut.error());
      // A group handed over whole does not say which phone: none is opted out then.
      return Outcome.optedOut(
          claimed,
          optedOut.error(),
          message.to().size() == 1
              ? new OptOuts.InboxPhone(message.inboxId(), message.to().get(0))
              : null);
    }
    if (result instanceof SendResult.Sent sent) {
      metrics.sent();
      faults.recovered(PROVIDER);
      return Outcome.sent(claimed, now, sent.providerMessageId());
    }
    if (result instanceof SendResult.Retry retry && retries.mayRetry(claimed.attempts())) {
      metrics.retried();
      Duration delay = retries.delay(claimed.attempts(), retry.retryAfter());
      // A provider that is down fails every delivery: one line per interval, with a count.
      faults.warn(
          PROVIDER, "delivery " + claimed.deliveryId() + ": " + retry.error() + "; retried");
      log.debug(
          "Delivery {} attempt {} failed ({}); next attempt in {}",
          claimed.deliveryId(),
          claimed.attempts(),
          retry.error(),
          delay);
      return Outcome.retry(claimed, retry.error(), now.plus(delay));
    }
    String error =
        result instanceof SendResult.Failed failed
            ? failed.error()
            : "gave up after "
                + claimed.attempts()
                + " attempts: "
                + ((SendResult.Retry) result).error();
    metrics.failed();
    faults.warn(FAILED, "delivery " + claimed.deliveryId() + ": " + error);
    log.debug("Delivery {} failed: {}", claimed.deliveryId(), error);
    return Outcome.failed(claimed, error);
  }

  /** The provider did not take it: the whole inbox waits, and the attempt does not count. */
  private Outcome throttled(Prepared prepared, SendResult.Throttled throttled, Instant now) {
    Duration pause =
        throttled.retryAfter() != null ? throttled.retryAfter() : retries.delay(1, null);
    pacing.throttle(prepared.message().inboxId(), now.plus(pause));
    metrics.retried();
    faults.warn(
        PROVIDER,
        "inbox "
            + prepared.message().inboxId()
            + ": "
            + throttled.error()
            + "; slowed down for "
            + pause);
    return Outcome.throttled(prepared.claimed(), throttled.error(), now.plus(pause));
  }
}
