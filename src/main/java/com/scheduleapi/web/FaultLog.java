package com.scheduleapi.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs expected faults (the database away, a provider down) so that an outage reads in a few lines
 * instead of one stack trace per request: the first failure of a kind at WARN, then at most one
 * WARN per interval with how many failed meanwhile, stack traces only at DEBUG, and the recovery at
 * INFO with how long the fault lasted. A kind is any short name the caller picks ({@code
 * "database"}); each kind is counted on its own.
 */
public final class FaultLog {

  /** How often a kind that keeps failing is logged again, unless a caller says otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final Logger log;
  private final Clock clock;
  private final Duration interval;
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();

  public FaultLog(Logger log, Clock clock, Duration interval) {
    this.log = log;
    this.clock = clock;
    this.interval = interval;
  }

  public FaultLog(Logger log) {
    this(log, Clock.systemUTC(), DEFAULT_INTERVAL);
  }

  /** One failure of {@code kind}; {@code message} says what failed, without a stack trace. */
  public void warn(String kind, String message) {
    warn(kind, message, null);
  }

  /** As {@link #warn(String, String)}, with the cause's stack trace at DEBUG. */
  public void warn(String kind, String message, Throwable cause) {
    Instant now = clock.instant();
    String line = faults.computeIfAbsent(kind, k -> new Fault()).failed(now, interval);
    if (line != null) {
      log.warn("{}: {} ({})", kind, message, line);
    }
    if (cause != null && log.isDebugEnabled()) {
      log.debug(kind + ": " + message, cause);
    }
  }

  /** {@code kind} works again: logs how long it was failing, once, if it was. */
  public void recovered(String kind) {
    if (faults.isEmpty()) {
      return;
    }
    Fault fault = faults.remove(kind);
    if (fault != null) {
      Instant now = clock.instant();
      log.info(
          "{}: recovered after {} s ({} failures)",
          kind,
          seconds(Duration.between(fault.since, now)),
          fault.total());
    }
  }

  /** Whether {@code kind} has failed since it last recovered. */
  public boolean failing(String kind) {
    return faults.containsKey(kind);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }

  /** One kind's failures since it last worked. */
  private static final class Fault {

    private Instant since;
    private Instant logged;
    private long total;
    private long unlogged;

    /** Counts a failure; answers the summary to log now, or null to stay quiet. */
    synchronized String failed(Instant now, Duration interval) {
      total++;
      if (since == null) {
        since = now;
        logged = now;
        return "first failure; repeats are summed up every " + interval.toSeconds() + " s";
      }
      unlogged++;
      if (now.isBefore(logged.plus(interval))) {
        return null;
      }
      String line =
          unlogged
              + " failures in the last "
              + seconds(Duration.between(logged, now))
              + " s, failing for "
              + seconds(Duration.between(since, now))
              + " s";
      logged = now;
      unlogged = 0;
      return line;
    }

    synchronized long total() {
      return total;
    }
  }
}
