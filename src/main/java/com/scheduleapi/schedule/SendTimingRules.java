package com.scheduleapi.schedule;

import com.scheduleapi.directory.SendPlan;
import com.scheduleapi.directory.SendWindow;
import com.scheduleapi.directory.SendingHours;
import com.scheduleapi.directory.SendingHours.InboxHours;
import com.scheduleapi.directory.TimeZones;
import com.scheduleapi.web.FieldChecks;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for {@code local_time}, {@code send_past} and {@code expire_at}, and the plan of a
 * schedule's deliveries in its recipients' zones and its inbox's send window (CONTRACT §8).
 */
final class SendTimingRules {

  static final String LOCAL_TIME = "local_time";
  static final String EXPIRE_AT = "expire_at";
  private static final Pattern WALL_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

  private final ExecuteAtRules executeAt;
  private final SendingHours hours;

  SendTimingRules(ExecuteAtRules executeAt, SendingHours hours) {
    this.executeAt = executeAt;
    this.hours = hours;
  }

  /** Whom a schedule goes to, as far as its zone is concerned. */
  record To(long teamId, long inboxId, String phone, boolean group, Long listId) {}

  /** What the request asked for, read but not yet planned. */
  record Asked(
      Optional<OffsetDateTime> executeAt,
      LocalDateTime localTime,
      boolean sendPast,
      OffsetDateTime expireAt) {}

  /** Reads execute_at or local_time (exactly one), send_past and expire_at. */
  Asked read(ScheduleRequest request, Instant now, FieldChecks checks) {
    LocalDateTime local = null;
    Optional<OffsetDateTime> at = Optional.empty();
    if (request.localTime() != null) {
      if (request.executeAt() != null) {
        checks.reject(
            LOCAL_TIME,
            "cannot be given with execute_at: give execute_at (an instant) or local_time (a wall"
                + " time in each recipient's zone), not both");
      }
      local = wallTime(request.localTime(), checks);
    } else {
      at = executeAt.check(request.executeAt(), now, checks);
    }
    OffsetDateTime expire = null;
    if (request.expireAt() != null) {
      expire = ExecuteAtRules.parse(request.expireAt()).orElse(null);
      if (expire == null) {
        checks.reject(
            EXPIRE_AT,
            "must be an RFC 3339 time with seconds and an offset, such as"
                + " 2024-07-24T20:00:00-07:00, with no fraction of a second");
      }
    }
    return new Asked(at, local, Boolean.TRUE.equals(request.sendPast()), expire);
  }

  /** Plans the deliveries of a request whose other fields passed; empty with problems if not. */
  Optional<SendTiming> plan(To to, Asked asked, Instant now, FieldChecks checks) {
    SendingHours.Recipient recipient =
        hours.recipient(to.teamId(), to.inboxId(), to.group() ? null : to.phone());
    InboxHours inbox = recipient.inbox();
    ZoneId inboxZone = inbox.zone() == null ? TimeZones.UTC : inbox.zone();
    OffsetDateTime execute;
    if (asked.localTime() != null) {
      // The lead and horizon are read in the inbox's zone, as the one place the sender knows.
      OffsetDateTime inInbox =
          SendWindow.instant(asked.localTime(), inboxZone).atZone(inboxZone).toOffsetDateTime();
      if (executeAt.check(LOCAL_TIME, inInbox, now, checks).isEmpty()) {
        return Optional.empty();
      }
      execute = inInbox;
    } else {
      execute = asked.executeAt().orElseThrow();
    }
    SendPlan plan =
        new SendPlan(execute.toInstant(), asked.localTime(), asked.sendPast(), inbox.window());
    SendPlan.Due due;
    String zone = null;
    if (to.listId() != null) {
      due = earliest(plan, to, inboxZone, now);
    } else {
      ZoneId recipientZone = to.group() ? inboxZone : recipient.zone();
      due = plan.plan(recipientZone, now);
      zone = recipientZone.getId();
    }
    if (asked.localTime() != null) {
      execute = due.at().atZone(due.zone()).toOffsetDateTime();
    }
    if (asked.expireAt() != null && !asked.expireAt().toInstant().isAfter(execute.toInstant())) {
      checks.reject(
          EXPIRE_AT,
          "must be after "
              + (asked.localTime() != null ? "the earliest planned instant " : "execute_at ")
              + ExecuteAtRules.format(execute.toInstant(), execute.getOffset())
              + "; leave it out for a message that never expires");
      return Optional.empty();
    }
    // A plan that comes after the expiry is claimed at the expiry instead, and settles expired
    // then: it costs nothing until that moment, and ends when the contract says it does.
    Instant dueAt = due.at();
    if (asked.expireAt() != null && !dueAt.isBefore(asked.expireAt().toInstant())) {
      dueAt = asked.expireAt().toInstant();
    }
    return Optional.of(
        new SendTiming(
            execute,
            asked.localTime(),
            asked.sendPast(),
            asked.expireAt(),
            dueAt,
            zone,
            due.missed()));
  }

  /**
   * A list is fanned out when its earliest zone comes due: for a local-time send, the earliest of
   * its phones' zones now (the phones are read again at fan-out); else at its instant.
   */
  private SendPlan.Due earliest(SendPlan plan, To to, ZoneId inboxZone, Instant now) {
    if (plan.localTime() == null) {
      return new SendPlan.Due(plan.executeAt(), inboxZone, false);
    }
    List<ZoneId> zones =
        hours.members(to.teamId(), to.listId(), inboxZone).stream()
            .map(SendingHours.Member::zone)
            .distinct()
            .toList();
    SendPlan unheld = new SendPlan(plan.executeAt(), plan.localTime(), true, null);
    return (zones.isEmpty() ? List.of(inboxZone) : zones)
        .stream()
            .map(zone -> unheld.plan(zone, now))
            .min(Comparator.comparing(SendPlan.Due::at))
            .orElseThrow();
  }

  private static LocalDateTime wallTime(String raw, FieldChecks checks) {
    if (WALL_TIME.matcher(raw).matches()) {
      try {
        return LocalDateTime.parse(raw);
      } catch (DateTimeParseException e) {
        // Reported below.
      }
    }
    checks.reject(
        LOCAL_TIME,
        "must be a wall time without an offset, such as 2026-12-01T09:00:00, on a quarter hour;"
            + " each recipient gets it at that time in their own zone");
    return null;
  }
}
