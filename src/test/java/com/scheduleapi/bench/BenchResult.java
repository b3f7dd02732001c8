package com.scheduleapi.bench;

import java.util.Locale;

/**
 * One summary line of the benchmark. Fields that do not apply to a scenario are null and left out
 * of the line; {@code tag} (e.g. {@code team=a}, {@code mps=200}) follows the system, {@code extra}
 * (e.g. {@code max_window=200}) the figures.
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
    Long errors,
    String tag,
    String extra) {

  BenchResult(
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
    this(scenario, system, n, seconds, perSecond, p50Ms, p99Ms, maxMs, rssMb, errors, null, null);
  }

  static BenchResult memory(String system, long rssMb) {
    return new BenchResult("memory", system, null, null, null, null, null, null, rssMb, null);
  }

  BenchResult withRss(long mb) {
    return new BenchResult(
        scenario, system, n, seconds, perSecond, p50Ms, p99Ms, maxMs, mb, errors, tag, extra);
  }

  /** {@code tag} goes after the system ({@code team=a}), {@code extra} after the figures. */
  BenchResult labelled(String tag, String extra) {
    return new BenchResult(
        scenario, system, n, seconds, perSecond, p50Ms, p99Ms, maxMs, rssMb, errors, tag, extra);
  }

  /** What the table's notes column shows. */
  String notes() {
    return ((tag == null ? "" : tag) + (extra == null ? "" : " " + extra)).trim();
  }

  String line() {
    StringBuilder line =
        new StringBuilder("BENCH ").append(scenario).append(" system=").append(system);
    if (tag != null) {
      line.append(' ').append(tag);
    }
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
    if (extra != null) {
      line.append(' ').append(extra);
    }
    append(line, "errors", errors);
    return line.toString();
  }

  private static void append(StringBuilder line, String key, Long value) {
    if (value != null) {
      line.append(' ').append(key).append('=').append(value);
    }
  }
}
