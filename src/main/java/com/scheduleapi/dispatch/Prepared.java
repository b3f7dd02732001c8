package com.scheduleapi.dispatch;

import com.scheduleapi.sms.OutgoingMessage;

/** A claimed delivery ready to hand over, or one whose outcome was decided before sending. */
record Prepared(Claimed claimed, OutgoingMessage message, Outcome outcome) {

  static Prepared send(Claimed claimed, OutgoingMessage message) {
    return new Prepared(claimed, message, null);
  }

  static Prepared decided(Outcome outcome) {
    return new Prepared(outcome.claimed(), null, outcome);
  }
}
