package com.scheduleapi.bench;

import java.util.Arrays;

/** Count and nearest-rank percentiles of a set of durations in milliseconds. */
public record Latency(int count, long p50, long p99, long max) {

  public static Latency of(long[] millis) {
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return new Latency(0, 0, 0, 0);
    }
    return new Latency(
        sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static long rank(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
