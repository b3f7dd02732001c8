package com.scheduleapi.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * When a schedule's deliveries are due (CONTRACT §8), as checked and planned at create or PUT.
 *
 * @param execute the instant shown as {@code execute}: the client's {@code execute_at}, or for a
 *     local-time send the earliest planned instant (in the inbox zone's offset)
 * @param localTime the wall time of a local-time send, or null
 * @param sendPast whether a recipient whose local time has passed is sent at once
 * @param expireAt after this nothing is handed to the sender; null: never
 * @param due when the dispatcher claims it: a single's planned instant (after zone and window), a
 *     list's fan-out (its earliest zone's instant)
 * @param zone the zone that decided a single's plan; null for a list (each phone has its own)
 * @param missed a single whose local time had passed without {@code send_past}: expired at once
 */
record SendTiming(
    OffsetDateTime execute,
    LocalDateTime localTime,
    boolean sendPast,
    OffsetDateTime expireAt,
    Instant due,
    String zone,
    boolean missed) {

  /** The times as the database reads them from text; null stays null. */
  Stored stored() {
    return new Stored(
        expireAt == null ? null : expireAt.toString(),
        localTime == null ? null : localTime.toString());
  }

  record Stored(String expireAt, String localTime) {}
}
