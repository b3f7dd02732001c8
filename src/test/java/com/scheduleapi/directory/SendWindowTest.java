package com.scheduleapi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.web.FieldChecks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Send windows and local times at their edges, DST days of America/New_York included. */
class SendWindowTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final SendWindow EIGHT_TO_NINE =
      new SendWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 0), LocalTime.of(21, 0));

  @Test
  void fromIsInsideTheWindow() {
    Instant eight = Instant.parse("2026-12-01T13:00:00Z"); // 08:00 in New York (EST)
    assertThat(EIGHT_TO_NINE.next(eight, NEW_YORK)).isEqualTo(eight);
  }

  @Test
  void justBeforeFromWaitsForFrom() {
    Instant before = Instant.parse("2026-12-01T12:59:59Z");
    assertThat(EIGHT_TO_NINE.next(before, NEW_YORK))
        .isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
  }

  @Test
  void toIsOutsideTheWindowAndWaitsForTheNextDay() {
    Instant nine = Instant.parse("2026-12-02T02:00:00Z"); // 21:00 on Dec 1 in New York
    assertThat(EIGHT_TO_NINE.next(nine, NEW_YORK)).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
    Instant justBefore = nine.minusSeconds(1);
    assertThat(EIGHT_TO_NINE.next(justBefore, NEW_YORK)).isEqualTo(justBefore);
  }

  @Test
  void aWindowOnSomeDaysOnlyWaitsForTheNextOfThem() {
    SendWindow weekdays =
        new SendWindow(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0));
    Instant fridayEvening = Instant.parse("2026-12-04T23:00:00Z"); // Fri 18:00 in New York
    assertThat(weekdays.next(fridayEvening, NEW_YORK))
        .isEqualTo(Instant.parse("2026-12-07T14:00:00Z")); // Mon 09:00
    Instant saturdayNoon = Instant.parse("2026-12-05T17:00:00Z");
    assertThat(weekdays.next(saturdayNoon, NEW_YORK))
        .isEqualTo(Instant.parse("2026-12-07T14:00:00Z"));
    SendWindow sundays =
        new SendWindow(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(12, 0), LocalTime.of(21, 0));
    Instant sundayLate = Instant.parse("2026-12-07T02:30:00Z"); // Sun 21:30 in New York
    assertThat(sundays.next(sundayLate, NEW_YORK))
        .isEqualTo(Instant.parse("2026-12-13T17:00:00Z")); // the next Sunday, noon
  }

  @Test
  void onSpringForwardDayAWindowOpeningInTheGapOpensAtTheFirstValidInstant() {
    // 2027-03-14: clocks go from 02:00 EST straight to 03:00 EDT.
    SendWindow early =
        new SendWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(2, 30), LocalTime.of(6, 0));
    Instant midnight = Instant.parse("2027-03-14T05:00:00Z"); // 00:00 EST
    assertThat(early.next(midnight, NEW_YORK))
        .isEqualTo(Instant.parse("2027-03-14T07:00:00Z")); // 03:00 EDT, the first valid instant
    // The usual 8 to 9 window opens at 08:00 EDT, an hour earlier in UTC than the day before.
    assertThat(EIGHT_TO_NINE.next(midnight, NEW_YORK))
        .isEqualTo(Instant.parse("2027-03-14T12:00:00Z"));
    assertThat(EIGHT_TO_NINE.next(Instant.parse("2027-03-13T05:00:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2027-03-13T13:00:00Z"));
  }

  @Test
  void onFallBackDayARepeatedWallTimeTakesTheFirst() {
    // 2027-11-07: 01:00 to 02:00 happens twice (EDT, then EST).
    SendWindow early =
        new SendWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(1, 30), LocalTime.of(6, 0));
    Instant midnight = Instant.parse("2027-11-07T04:00:00Z"); // 00:00 EDT
    assertThat(early.next(midnight, NEW_YORK))
        .isEqualTo(Instant.parse("2027-11-07T05:30:00Z")); // 01:30 EDT, the first of the two
    assertThat(EIGHT_TO_NINE.next(midnight, NEW_YORK))
        .isEqualTo(Instant.parse("2027-11-07T13:00:00Z")); // 08:00 EST
    // 21:00 EST closes it: an hour later in UTC than the day before.
    assertThat(EIGHT_TO_NINE.next(Instant.parse("2027-11-08T01:59:59Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2027-11-08T01:59:59Z"));
  }

  @Test
  void localTimesThatDoNotExistMoveForwardAndRepeatedOnesTakeTheFirst() {
    assertThat(SendWindow.instant(LocalDateTime.parse("2027-03-14T02:30:00"), NEW_YORK))
        .isEqualTo(Instant.parse("2027-03-14T07:00:00Z"));
    assertThat(SendWindow.instant(LocalDateTime.parse("2027-11-07T01:30:00"), NEW_YORK))
        .isEqualTo(Instant.parse("2027-11-07T05:30:00Z"));
    assertThat(SendWindow.instant(LocalDateTime.parse("2027-03-14T09:00:00"), NEW_YORK))
        .isEqualTo(Instant.parse("2027-03-14T13:00:00Z"));
  }

  @Test
  void aWindowThatCannotOpenIsRefusedNamingTheField() {
    JsonMapper json = JsonMapper.builder().build();
    FieldChecks checks = new FieldChecks();
    SendWindow.parse(
        json.readTree("{\"days\":[],\"from\":\"08:00\",\"to\":\"21:00\"}"), "send_window", checks);
    assertThat(checks.hasProblemAt("send_window.days")).isTrue();

    FieldChecks backwards = new FieldChecks();
    SendWindow.parse(
        json.readTree("{\"from\":\"21:00\",\"to\":\"08:00\"}"), "send_window", backwards);
    assertThat(backwards.hasProblemAt("send_window.to")).isTrue();

    FieldChecks fine = new FieldChecks();
    SendWindow parsed =
        SendWindow.parse(
            json.readTree("{\"days\":[\"MON\",\"sat\"],\"from\":\"09:00\",\"to\":\"21:00\"}"),
            "send_window",
            fine);
    assertThat(fine.hasProblems()).isFalse();
    assertThat(parsed.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
    assertThat(SendWindow.ofStored(parsed.stored())).isEqualTo(parsed);
    assertThat(parsed.json().days()).containsExactly("MON", "SAT");
  }
}
