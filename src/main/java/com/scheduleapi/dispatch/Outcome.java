package com.scheduleapi.dispatch;

import com.scheduleapi.directory.OptOuts.InboxPhone;
import java.time.Instant;

/**
 * What became of a claimed delivery, to be written back by its lane. {@code optOut}: a phone the
 * provider said opted out (Twilio's 21610), to opt out of the team's messages; null for none.
 */
record Outcome(
    Claimed claimed,
    DeliveryStatus status,
    String error,
    Instant sentAt,
    String providerMessageId,
    Instant nextAttemptAt,
    boolean counted,
    InboxPhone optOut) {

  Outcome(
      Claimed claimed,
      DeliveryStatus status,
      String error,
      Instant sentAt,
      String providerMessageId,
      Instant nextAttemptAt,
      boolean counted) {
    this(claimed, status, error, sentAt, providerMessageId, nextAttemptAt, counted, null);
  }

  static Outcome sent(Claimed claimed, Instant at, String providerMessageId) {
    return new Outcome(claimed, DeliveryStatus.SENT, null, at, providerMessageId, null, true);
  }

  /** Still pending: tried again at {@code next}. */
  static Outcome retry(Claimed claimed, String error, Instant next) {
    return new Outcome(claimed, DeliveryStatus.PENDING, error, null, null, next, true);
  }

  /**
   * Still pending, and the attempt does not count: the provider asked the inbox to slow down (a
   * 429), or the message was never handed over.
   */
  static Outcome throttled(Claimed claimed, String error, Instant next) {
    return new Outcome(claimed, DeliveryStatus.PENDING, error, null, null, next, false);
  }

  static Outcome failed(Claimed claimed, String error) {
    return new Outcome(claimed, DeliveryStatus.FAILED, error, null, null, null, true);
  }

  static Outcome skipped(Claimed claimed, String reason) {
    return new Outcome(claimed, DeliveryStatus.SKIPPED, reason, null, null, null, true);
  }

  /** The provider says the recipient opted out: skipped, and the contact is to be opted out. */
  static Outcome optedOut(Claimed claimed, String reason, InboxPhone phone) {
    return new Outcome(claimed, DeliveryStatus.SKIPPED, reason, null, null, null, true, phone);
  }

  /** Never handed to the sender: too late for its schedule's expire_at; the claim is no attempt. */
  static Outcome expired(Claimed claimed, String reason) {
    return new Outcome(claimed, DeliveryStatus.EXPIRED, reason, null, null, null, false);
  }

  boolean isFinal() {
    return status != DeliveryStatus.PENDING;
  }

  long deliveryId() {
    return claimed.deliveryId();
  }

  long scheduleId() {
    return claimed.scheduleId();
  }
}
