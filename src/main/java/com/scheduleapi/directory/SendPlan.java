package com.scheduleapi.directory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * When one recipient's delivery is due, after its zone and its inbox's send window: the schedule's
 * instant, or its local time read in the recipient's zone, then held until the window opens.
 *
 * @param executeAt the schedule's instant; unused when {@code localTime} is set
 * @param localTime a wall time to send at in each recipient's zone, or null
 * @param sendPast whether a recipient whose local time has passed is sent at once (else expired)
 * @param window the inbox's sending hours, or null for any time
 */
public record SendPlan(
    Instant executeAt, LocalDateTime localTime, boolean sendPast, SendWindow window) {

  /**
   * How late a local time may be found when fanned out and still count as now: a list is claimed
   * about on its earliest zone's instant, so that zone's recipients must not be found late.
   */
  public static final Duration ON_TIME = Duration.ofMinutes(1);

  /** A recipient's due instant and the zone that decided it; {@code missed}: expired at once. */
  public record Due(Instant at, ZoneId zone, boolean missed) {}

  /**
   * Plans a recipient in {@code zone}, fanned out at {@code now}: a local time more than {@link
   * #ON_TIME} past is sent at once with {@code sendPast}, else it is missed.
   */
  public Due plan(ZoneId zone, Instant now) {
    Instant base = localTime == null ? executeAt : SendWindow.instant(localTime, zone);
    boolean missed = false;
    if (localTime != null && base.isBefore(now.minus(ON_TIME))) {
      if (sendPast) {
        base = now;
      } else {
        missed = true;
      }
    }
    return new Due(window == null ? base : window.next(base, zone), zone, missed);
  }
}
