package com.scheduleapi.dispatch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with ±20 % jitter, capped; a provider's Retry-After wins when it gives one.
 */
final class RetryPolicy {

  private final Duration initial;
  private final Duration max;
  private final int maxAttempts;
  private final RandomGenerator random;

  RetryPolicy(DispatchProperties properties, RandomGenerator random) {
    this.initial = properties.retryInitial();
    this.max = properties.retryMax();
    this.maxAttempts = properties.maxAttempts();
    this.random = random;
  }

  /** Whether a delivery that has had this many attempts may have another. */
  boolean mayRetry(int attempts) {
    return attempts < maxAttempts;
  }

  /** The wait before the next attempt, after {@code attempts} attempts (1 or more). */
  Duration delay(int attempts, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
    double base = initial.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
    double capped = Math.min(base, max.toMillis());
    double jitter = 0.8 + 0.4 * random.nextDouble();
    return Duration.ofMillis(Math.round(capped * jitter));
  }
}
