package com.scheduleapi.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How answers write instants: RFC 3339 in UTC, to the second. */
public final class Times {

  private Times() {}

  public static String utc(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
