package com.scheduleapi.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** The database cannot be reached; the client should try again shortly. */
public class DatabaseUnavailable extends ApiException {

  public DatabaseUnavailable() {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        "unavailable",
        "The service cannot reach its database right now; try again in a few seconds.");
  }

  @Override
  public Duration retryAfter() {
    return Duration.ofSeconds(5);
  }
}
