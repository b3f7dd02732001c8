package com.scheduleapi.dispatch;

import java.time.Instant;

/**
 * Where a claim round's last full claim in one lane ended, by due instant and id. A due index keeps
 * the entries of claimed rows until their outcome, so in a burst each claim starts after the last
 * one instead of wading through them again; a claim that is not full starts over next time.
 */
record Cursor(Instant due, long id) {

  static final Cursor START = new Cursor(Instant.EPOCH.minusSeconds(86_400L * 365 * 100), 0);

  /** The later of two positions. */
  Cursor max(Cursor other) {
    int byDue = due.compareTo(other.due);
    return byDue > 0 || (byDue == 0 && id > other.id) ? this : other;
  }

  boolean isStart() {
    return equals(START);
  }
}
