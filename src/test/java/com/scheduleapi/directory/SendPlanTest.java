package com.scheduleapi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A recipient's zone in the contract's order, and local-time plans with and without send_past. */
class SendPlanTest {

  private static final ZoneId DENVER = ZoneId.of("America/Denver");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void aNumberMappingToOneZoneGivesThatZone() {
    assertThat(TimeZones.choose(null, "12125550100", DENVER)).isEqualTo(NEW_YORK);
    assertThat(TimeZones.choose(null, "14155550100", null))
        .isEqualTo(ZoneId.of("America/Los_Angeles"));
  }

  @Test
  void aNumberWhoseRegionSpansSeveralZonesFallsToTheInboxsZone() {
    // 208 (Idaho) maps to America/Boise and America/Los_Angeles.
    assertThat(TimeZones.ofPhone("12085550100")).isEmpty();
    assertThat(TimeZones.choose(null, "12085550100", DENVER)).isEqualTo(DENVER);
    assertThat(TimeZones.choose(null, "12085550100", null)).isEqualTo(TimeZones.UTC);
  }

  @Test
  void aContactsZoneOverridesTheNumbers() {
    ZoneId honolulu = ZoneId.of("Pacific/Honolulu");
    assertThat(TimeZones.choose(honolulu, "12125550100", DENVER)).isEqualTo(honolulu);
  }

  @Test
  void aGroupMessageGoesByTheInboxsZone() {
    assertThat(TimeZones.choose(null, null, DENVER)).isEqualTo(DENVER);
  }

  @Test
  void onlyIanaIdsAreZones() {
    assertThat(TimeZones.parse("America/Denver")).contains(DENVER);
    assertThat(TimeZones.parse("UTC")).isPresent();
    assertThat(TimeZones.parse("EST")).isEmpty();
    assertThat(TimeZones.parse("+05:00")).isEmpty();
    assertThat(TimeZones.parse("America/Nowhere")).isEmpty();
  }

  @Test
  void aLocalTimeIsDueAtThatWallTimeInEachZoneThenTheWindowApplies() {
    SendPlan plan = new SendPlan(null, LocalDateTime.parse("2026-12-01T07:00:00"), false, null);
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(plan.plan(NEW_YORK, now).at()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(plan.plan(DENVER, now).at()).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
    SendWindow eight =
        new SendWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 0), LocalTime.of(21, 0));
    SendPlan held = new SendPlan(null, LocalDateTime.parse("2026-12-01T07:00:00"), false, eight);
    assertThat(held.plan(DENVER, now).at()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
  }

  @Test
  void aPassedLocalTimeIsSentAtOnceWithSendPastAndMissedWithout() {
    LocalDateTime nine = LocalDateTime.parse("2026-12-01T09:00:00");
    Instant now = Instant.parse("2026-12-01T15:00:00Z"); // 10:00 in New York, 08:00 in Denver
    SendPlan.Due passed = new SendPlan(null, nine, true, null).plan(NEW_YORK, now);
    assertThat(passed.at()).isEqualTo(now);
    assertThat(passed.missed()).isFalse();
    SendPlan.Due missed = new SendPlan(null, nine, false, null).plan(NEW_YORK, now);
    assertThat(missed.missed()).isTrue();
    SendPlan.Due ahead = new SendPlan(null, nine, false, null).plan(DENVER, now);
    assertThat(ahead.missed()).isFalse();
    assertThat(ahead.at()).isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
    // Found on its instant, or a little late from claiming, is not passed.
    SendPlan.Due onTime =
        new SendPlan(null, nine, false, null).plan(NEW_YORK, Instant.parse("2026-12-01T14:00:30Z"));
    assertThat(onTime.missed()).isFalse();
  }
}
