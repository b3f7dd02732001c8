package com.scheduleapi.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A schedule's send-window plan as stored (CONTRACT §8): when the dispatcher claims it, and what
 * that instant was planned from. Written whole from a checked {@link SendTiming} at create or PUT.
 */
@Embeddable
class PlannedTiming {

  @Column(name = "due_at", nullable = false)
  private Instant dueAt;

  @Column(name = "expire_at")
  private Instant expireAt;

  @Column(name = "local_time")
  private LocalDateTime localTime;

  @Column(name = "send_past", nullable = false)
  private boolean sendPast;

  @Column(name = "local_time_missed", nullable = false)
  private boolean localTimeMissed;

  private String timezone;

  protected PlannedTiming() {}

  PlannedTiming(SendTiming timing) {
    this.dueAt = timing.due();
    this.expireAt = timing.expireAt() == null ? null : timing.expireAt().toInstant();
    this.localTime = timing.localTime();
    this.sendPast = timing.sendPast();
    this.localTimeMissed = timing.missed();
    this.timezone = timing.zone();
  }

  Instant expireAt() {
    return expireAt;
  }

  LocalDateTime localTime() {
    return localTime;
  }
}
