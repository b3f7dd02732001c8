package com.scheduleapi.identity;

import com.scheduleapi.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** This key has used its requests for the minute. */
class RateLimited extends ApiException {

  private final Duration retryAfter;

  RateLimited(int perMinute, Duration retryAfter) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        "rate_limited",
        "This key may make "
            + perMinute
            + " requests a minute; wait "
            + Math.max(1, retryAfter.toSeconds())
            + " s (Retry-After) and try again.");
    this.retryAfter = retryAfter;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }
}
