package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.InvalidRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The execute_at rules on their own, without Spring: the defaults of the contract. */
class ExecuteAtRulesTest {

  private static final Instant NOW = Instant.parse("2026-01-10T16:45:00Z");

  private final ExecuteAtRules rules =
      new ExecuteAtRules(
          new RulesProperties(
              Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofDays(365)));

  private Optional<OffsetDateTime> check(String raw, Instant now, FieldChecks checks) {
    return rules.check(raw, now, checks);
  }

  private String rejection(String raw, Instant now) {
    FieldChecks checks = new FieldChecks();
    assertThat(check(raw, now, checks)).as(raw).isEmpty();
    assertThat(checks.hasProblemAt("execute_at")).isTrue();
    try {
      checks.throwIfAny();
    } catch (InvalidRequest e) {
      return e.fieldProblems().get(0).message();
    }
    throw new AssertionError("no problem recorded for " + raw);
  }

  private OffsetDateTime accepted(String raw, Instant now) {
    FieldChecks checks = new FieldChecks();
    Optional<OffsetDateTime> parsed = check(raw, now, checks);
    assertThat(checks.hasProblems()).as(raw).isFalse();
    return parsed.orElseThrow();
  }

  @Test
  void acceptsExactlyTheMinimumLead() {
    assertThat(accepted("2026-01-10T17:00:00Z", NOW).toInstant())
        .isEqualTo(Instant.parse("2026-01-10T17:00:00Z"));
  }

  @Test
  void rejectsOneSecondLessThanTheMinimumLead() {
    String message = rejection("2026-01-10T17:00:00Z", NOW.plusSeconds(1));
    assertThat(message).contains("15 minutes").contains("2026-01-10T17:15:00Z");
  }

  @Test
  void rejectsExecuteAtOffTheQuarterHourNamingTheNearestValidTimes() {
    String message = rejection("2026-01-10T18:07:00-07:00", NOW);
    assertThat(message).contains("2026-01-10T18:00:00-07:00").contains("2026-01-10T18:15:00-07:00");
  }

  @Test
  void offersOnlyTheLaterTimeWhenTheEarlierIsTooSoon() {
    String message = rejection("2026-01-10T17:07:00Z", NOW.plusSeconds(60));
    assertThat(message).contains("2026-01-10T17:15:00Z").doesNotContain("17:00:00");
  }

  @Test
  void rejectsATimeOffTheQuarterHourAndTooSoonNamingTheEarliestValidTime() {
    String message = rejection("2026-01-10T16:52:00Z", NOW);
    assertThat(message).contains("2026-01-10T17:00:00Z");
  }

  @Test
  void rejectsSecondsOffTheBoundary() {
    assertThat(rejection("2026-01-10T18:00:01Z", NOW)).contains("2026-01-10T18:00:00Z");
  }

  @Test
  void acceptsAZeroFractionAndRejectsAnyOther() {
    accepted("2026-01-10T18:00:00.000Z", NOW);
    accepted("2026-01-10T18:00:00.0+01:00", NOW);
    assertThat(rejection("2026-01-10T18:00:00.5Z", NOW)).contains("fraction");
    rejection("2026-01-10T18:00:00.001Z", NOW);
  }

  @Test
  void rejectsTimesWithoutOffsetOrSeconds() {
    rejection("2026-01-10T18:00:00", NOW);
    rejection("2026-01-10T18:00Z", NOW);
    rejection("2026-01-10 18:00:00Z", NOW);
    rejection("2026-01-10T18:00:00+0100", NOW);
    rejection("2026-02-30T18:00:00Z", NOW);
    rejection("tomorrow", NOW);
  }

  @Test
  void requiresExecuteAt() {
    assertThat(rejection(null, NOW)).contains("required");
  }

  @Test
  void keepsTheClientsOffset() {
    OffsetDateTime nepal = accepted("2026-01-11T12:00:00+05:45", NOW);
    assertThat(nepal.getOffset().getTotalSeconds()).isEqualTo(5 * 3600 + 45 * 60);
    assertThat(nepal.toInstant()).isEqualTo(Instant.parse("2026-01-11T06:15:00Z"));
    assertThat(accepted("2026-01-11t12:00:00z", NOW).toInstant())
        .isEqualTo(Instant.parse("2026-01-11T12:00:00Z"));
  }

  @Test
  void acceptsTheWholeHorizonAndNoStepBeyond() {
    accepted("2027-01-10T16:45:00Z", NOW);
    String message = rejection("2027-01-10T17:00:00Z", NOW);
    assertThat(message).contains("365 days").contains("2027-01-10T16:45:00Z");
  }

  @Test
  void namesTheLastValidTimeOnTheGridWhenNowIsNotOnIt() {
    Instant now = Instant.parse("2026-01-10T16:47:30Z");
    assertThat(rejection("2027-01-10T17:00:00Z", now)).contains("2027-01-10T16:45:00Z");
  }

  @Test
  void followsConfiguredRules() {
    ExecuteAtRules hourly =
        new ExecuteAtRules(
            new RulesProperties(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1)));
    FieldChecks checks = new FieldChecks();
    assertThat(hourly.check("2026-01-10T17:00:00Z", NOW, checks)).isPresent();
    assertThat(hourly.check("2026-01-10T17:15:00Z", NOW, checks)).isEmpty();
    assertThatThrownBy(checks::throwIfAny)
        .isInstanceOf(InvalidRequest.class)
        .hasMessageContaining("1-hour");
  }
}
