package com.scheduleapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets and moves; unset, it follows the system clock. */
public class MutableClock extends Clock {

  private volatile Instant fixed;

  public void set(Instant instant) {
    this.fixed = instant;
  }

  public void advance(Duration duration) {
    this.fixed = instant().plus(duration);
  }

  public void reset() {
    this.fixed = null;
  }

  @Override
  public Instant instant() {
    Instant now = fixed;
    return now != null ? now : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
