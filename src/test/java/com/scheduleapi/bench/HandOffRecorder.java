package com.scheduleapi.bench;

import java.util.Arrays;

/**
 * Hand-off instants (epoch milliseconds) as a growable array, cheap enough to sit on a sender path
 * running at 100k calls a second. The benchmark asks for lateness percentiles against the one
 * instant every message of a burst was due at.
 */
public final class HandOffRecorder {

  private long[] times = new long[1 << 16];
  private int size;

  public synchronized void record(long epochMillis) {
    if (size == times.length) {
      times = Arrays.copyOf(times, times.length * 2);
    }
    times[size++] = epochMillis;
  }

  public synchronized void reset() {
    size = 0;
  }

  public synchronized long[] snapshot() {
    return Arrays.copyOf(times, size);
  }

  /** Lateness of every recorded hand-off behind {@code dueMillis}, summarised. */
  public Latency latenessBehind(long dueMillis) {
    long[] late = snapshot();
    for (int i = 0; i < late.length; i++) {
      late[i] = late[i] - dueMillis;
    }
    return Latency.of(late);
  }
}
