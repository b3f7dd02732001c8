package com.scheduleapi.bench;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The list of the {@code broadcast-windowed} scenario: phones spread evenly over four US zones (by
 * area code), and a send window that is open at the due instant in two adjacent zones and closed in
 * the other two, whatever the time of day the benchmark runs.
 */
final class WindowedBroadcast {

  /** Area codes of New York, Chicago, Denver and Los Angeles, in that order (an hour apart). */
  static final List<String> AREAS = List.of("212", "312", "303", "415");

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("America/New_York"),
          ZoneId.of("America/Chicago"),
          ZoneId.of("America/Denver"),
          ZoneId.of("America/Los_Angeles"));
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final long MARGIN_MINUTES = 30;

  private WindowedBroadcast() {}

  /** The window open at {@code due} in two adjacent zones, as the inbox stores it. */
  record Window(int firstOpen, String stored) {

    /** Whether the zone of area {@code index} is inside the window. */
    boolean opens(int index) {
      return index == firstOpen || index == firstOpen + 1;
    }
  }

  /**
   * A window from half an hour before the later zone's local time to half an hour after the earlier
   * one's: New York and Chicago, or Denver and Los Angeles when that would cross midnight.
   */
  static Window at(Instant due) {
    for (int first : new int[] {0, 2}) {
      LocalTime early = LocalTime.ofInstant(due, ZONES.get(first));
      LocalTime late = LocalTime.ofInstant(due, ZONES.get(first + 1));
      LocalTime from = late.minusMinutes(MARGIN_MINUTES);
      LocalTime to = early.plusMinutes(MARGIN_MINUTES);
      if (from.isBefore(late) && to.isAfter(early) && from.isBefore(to)) {
        String days = "MON,TUE,WED,THU,FRI,SAT,SUN";
        return new Window(first, days + "|" + HH_MM.format(from) + "|" + HH_MM.format(to));
      }
    }
    throw new IllegalStateException("no window for " + due);
  }

  /** SQL for the phone of list position {@code g} (1-based): the areas in turn. */
  static String phoneSql() {
    return "'1' || (array['212','312','303','415'])[(g - 1) % 4 + 1] || (2000000 + (g - 1) / 4)::text";
  }
}
