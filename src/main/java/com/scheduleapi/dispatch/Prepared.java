package com.scheduleapi.dispatch;

import com.scheduleapi.sms.OutgoingMessage;
import java.time.Instant;

/**
 * A claimed delivery ready to hand over, or one whose outcome was decided before sending; {@code
 * expireAt}: not to be handed over from then on (null: never, see {@link Expiry}).
 */
record Prepared(Claimed claimed, OutgoingMessage message, Outcome outcome, Instant expireAt) {

  /** The sending inbox, or -1 for a delivery already decided (nothing to send). */
  long inboxId() {
    return message == null ? -1L : message.inboxId();
  }

  static Prepared send(Claimed claimed, OutgoingMessage message) {
    return new Prepared(claimed, message, null, null);
  }

  static Prepared decided(Outcome outcome) {
    return new Prepared(outcome.claimed(), null, outcome, null);
  }

  Prepared expiringAt(Instant expireAt) {
    return new Prepared(claimed, message, outcome, expireAt);
  }
}
