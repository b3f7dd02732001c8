package com.scheduleapi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.scheduleapi.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token bucket on its own: a minute's quota, then a Retry-After that is long enough. */
class RateLimiterTest {

  private final MutableClock clock = new MutableClock();

  private RateLimiter limiter(int perMinute) {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    return new RateLimiter(new RateLimitProperties(perMinute), clock);
  }

  /** Retry-After as the problem response writes it: whole seconds, at least 1. */
  private static long retryAfterSeconds(RateLimited refused) {
    return Math.max(1, refused.retryAfter().toSeconds());
  }

  @Test
  void allowsTheQuotaAndRefusesTheNext() {
    RateLimiter limiter = limiter(5);
    for (int i = 0; i < 5; i++) {
      limiter.acquire("key");
    }
    RateLimited refused = catchThrowableOfType(RateLimited.class, () -> limiter.acquire("key"));
    assertThat(refused).isNotNull();
    assertThat(retryAfterSeconds(refused)).isBetween(1L, 60L);
    assertThatCode(() -> limiter.acquire("other")).doesNotThrowAnyException();
  }

  @Test
  void servesAgainOnceRetryAfterHasPassedWhateverTheQuota() {
    for (int perMinute :
        new int[] {1, 2, 3, 5, 7, 11, 13, 59, 60, 61, 90, 120, 500, 599, 601, 1000}) {
      RateLimiter limiter = limiter(perMinute);
      for (int i = 0; i < perMinute; i++) {
        limiter.acquire("key");
      }
      RateLimited refused = catchThrowableOfType(RateLimited.class, () -> limiter.acquire("key"));
      assertThat(refused).as("refused at %d a minute", perMinute).isNotNull();
      clock.advance(Duration.ofSeconds(retryAfterSeconds(refused)));
      assertThatCode(() -> limiter.acquire("key"))
          .as("served after Retry-After at %d a minute", perMinute)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void refillsNoMoreThanAMinutesQuota() {
    RateLimiter limiter = limiter(3);
    limiter.acquire("key");
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      limiter.acquire("key");
    }
    assertThat(catchThrowableOfType(RateLimited.class, () -> limiter.acquire("key"))).isNotNull();
  }

  @Test
  void isOffAtZero() {
    RateLimiter limiter = limiter(0);
    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("key");
    }
  }
}
