package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.ScheduleOutcomes;
import java.time.Instant;
import java.util.Optional;

/**
 * Nothing is handed to the sender from its schedule's {@code expire_at} on (CONTRACT §8), whatever
 * held it: a send window, pacing or retries. Checked once, just before the sender is called; what
 * is too late settles as {@code expired}.
 */
final class Expiry {

  static final String ERROR = "not handed to the sender by expire_at";
  static final String MISSED = "its local time had passed when it was planned (send_past false)";

  private Expiry() {}

  /** The expired outcome of a delivery about to be handed over too late; empty while in time. */
  static Optional<Outcome> check(Prepared prepared, Instant now) {
    Instant expireAt = prepared.expireAt();
    if (expireAt == null || now.isBefore(expireAt)) {
      return Optional.empty();
    }
    return Optional.of(Outcome.expired(prepared.claimed(), ERROR));
  }

  /** A single settled as expired without an attempt: its local time had passed. */
  static ScheduleOutcomes.Settled unsent(long scheduleId) {
    return new ScheduleOutcomes.Settled(
        scheduleId,
        new ScheduleOutcomes.Tally(scheduleId, 1, 0, 0, 0, 1),
        MISSED,
        null,
        null,
        false);
  }
}
