package com.scheduleapi.bench;

import java.util.Arrays;

/**
 * Hand-off instants (epoch milliseconds) and their inboxes as growable arrays, cheap enough to sit
 * on a sender path running at 100k calls a second. The benchmark asks for lateness percentiles
 * against the one instant every message of a burst was due at, for all inboxes or one.
 */
public final class HandOffRecorder {

  private long[] times = new long[1 << 16];
  private long[] inboxes = new long[1 << 16];
  private int size;

  public synchronized void record(long inboxId, long epochMillis) {
    if (size == times.length) {
      times = Arrays.copyOf(times, times.length * 2);
      inboxes = Arrays.copyOf(inboxes, inboxes.length * 2);
    }
    inboxes[size] = inboxId;
    times[size++] = epochMillis;
  }

  /** A hand-off of no inbox in particular (the peers'). */
  public void record(long epochMillis) {
    record(-1L, epochMillis);
  }

  public synchronized void reset() {
    size = 0;
  }

  /** The instants recorded, of one inbox, or of all when {@code inboxId} is negative. */
  public synchronized long[] snapshot(long inboxId) {
    if (inboxId < 0) {
      return Arrays.copyOf(times, size);
    }
    long[] of = new long[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (inboxes[i] == inboxId) {
        of[n++] = times[i];
      }
    }
    return Arrays.copyOf(of, n);
  }

  public Latency latenessBehind(long dueMillis) {
    return latenessBehind(dueMillis, -1L);
  }

  /** Lateness of every recorded hand-off (of one inbox) behind {@code dueMillis}, summarised. */
  public Latency latenessBehind(long dueMillis, long inboxId) {
    long[] late = snapshot(inboxId);
    for (int i = 0; i < late.length; i++) {
      late[i] = late[i] - dueMillis;
    }
    return Latency.of(late);
  }
}
