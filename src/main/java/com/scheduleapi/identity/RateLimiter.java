package com.scheduleapi.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket per credential: a full minute's quota at most, refilled evenly. Per node, so a
 * cluster of n nodes allows up to n times the quota to a client that spreads its calls.
 */
@Component
class RateLimiter {

  private final int perMinute;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(RateLimitProperties properties, Clock clock) {
    this.perMinute = properties.requestsPerMinute();
    this.clock = clock;
  }

  void acquire(String credential) {
    if (perMinute <= 0) {
      return;
    }
    Bucket bucket = buckets.computeIfAbsent(credential, k -> new Bucket(perMinute, nanos()));
    long waitNanos = bucket.take(nanos());
    if (waitNanos > 0) {
      throw new RateLimited(perMinute, Duration.ofNanos(waitNanos).plusMillis(999));
    }
  }

  private long nanos() {
    return clock.millis() * 1_000_000L;
  }

  private static final class Bucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    Bucket(int perMinute, long now) {
      this.capacity = perMinute;
      this.perNano = perMinute / 60e9;
      this.tokens = perMinute;
      this.last = now;
    }

    /** Takes one token and answers 0, or answers how long until one is there. */
    synchronized long take(long now) {
      if (now > last) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perNano);
    }
  }
}
