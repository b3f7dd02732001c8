package com.scheduleapi.bench;

import java.util.Locale;

/**
 * One summary line of the benchmark. Fields that do not apply to a scenario are null and left out
 * of the line.
 */
record BenchResult(
    String scenario,
    String system,
    Long n,
    Double seconds,
    Double perSecond,
    Long p50Ms,
    Long p99Ms,
    Long maxMs,
    Long rssMb,
    Long errors) {

  static BenchResult memory(String system, long rssMb) {
    return new BenchResult("memory", system, null, null, null, null, null, null, rssMb, null);
  }

  BenchResult withRss(long mb) {
    return new BenchResult(
        scenario, system, n, seconds, perSecond, p50Ms, p99Ms, maxMs, mb, errors);
  }

  String line() {
    StringBuilder line =
        new StringBuilder("BENCH ").append(scenario).append(" system=").append(system);
    append(line, "n", n);
    if (seconds != null) {
      line.append(String.format(Locale.ROOT, " seconds=%.3f", seconds));
    }
    if (perSecond != null) {
      line.append(String.format(Locale.ROOT, " per_s=%.0f", perSecond));
    }
    append(line, "p50_ms", p50Ms);
    append(line, "p99_ms", p99Ms);
    append(line, "max_ms", maxMs);
    append(line, "rss_mb", rssMb);
    append(line, "errors", errors);
    return line.toString();
  }

  private static void append(StringBuilder line, String key, Long value) {
    if (value != null) {
      line.append(' ').append(key).append('=').append(value);
    }
  }
}
