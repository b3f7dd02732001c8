package com.scheduleapi.events;

import java.time.Duration;

/**
 * When the relay gives way to sending: while the dispatcher's pressure is high, for at most {@code
 * max} at a stretch; then it delivers alongside until the pressure falls, and may yield again.
 */
final class Yielding {

  private final SendingPressure pressure;
  private final long maxNanos;
  private long since;
  private boolean started;

  Yielding(SendingPressure pressure, Duration max) {
    this.pressure = pressure;
    this.maxNanos = max.toNanos();
  }

  /** Whether the relay should start no round now. */
  synchronized boolean now() {
    if (!pressure.high()) {
      started = false;
      return false;
    }
    long now = System.nanoTime();
    if (!started) {
      started = true;
      since = now;
    }
    return now - since < maxNanos;
  }
}
