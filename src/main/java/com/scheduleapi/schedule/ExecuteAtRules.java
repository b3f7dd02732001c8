package com.scheduleapi.schedule;

import com.scheduleapi.web.FieldChecks;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for {@code execute_at}: RFC 3339 with seconds and an offset, on a granularity boundary,
 * at least the minimum lead and at most the horizon ahead. Problems name the nearest valid times.
 */
final class ExecuteAtRules {

  static final String FIELD = "execute_at";
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.0+)?([Zz]|[+-]\\d{2}:\\d{2})");
  private static final DateTimeFormatter OUT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private final RulesProperties rules;

  ExecuteAtRules(RulesProperties rules) {
    this.rules = rules;
  }

  /** The instant and offset the client asked for, or empty with the problems recorded. */
  Optional<OffsetDateTime> check(String raw, Instant now, FieldChecks checks) {
    if (raw == null) {
      checks.reject(FIELD, "is required: an RFC 3339 time such as 2024-07-24T11:30:00-07:00");
      return Optional.empty();
    }
    Optional<OffsetDateTime> parsed = parse(raw);
    if (parsed.isEmpty()) {
      checks.reject(
          FIELD,
          "must be an RFC 3339 time with seconds and an offset, such as 2024-07-24T11:30:00-07:00"
              + " or 2024-07-24T18:30:00Z, with no fraction of a second");
      return parsed;
    }
    return check(FIELD, parsed.get(), now, checks);
  }

  /**
   * Checks a time already read against the lead, granularity and horizon; {@code field} names it in
   * problems (a local time is checked as read in its inbox's zone).
   */
  Optional<OffsetDateTime> check(
      String field, OffsetDateTime time, Instant now, FieldChecks checks) {
    ZoneOffset offset = time.getOffset();
    Instant at = time.toInstant();
    Instant earliest = now.truncatedTo(ChronoUnit.SECONDS).plus(rules.minLead());
    Instant latest = now.plus(rules.maxHorizon());
    long step = rules.granularity().toSeconds();
    boolean aligned = Math.floorMod(at.getEpochSecond(), step) == 0;
    Instant firstValid = ceil(earliest, step);
    Instant lastValid = floor(latest, step);
    if (!aligned && at.isBefore(earliest)) {
      checks.reject(
          field,
          "must fall on a "
              + boundary(rules.granularity())
              + " boundary and be at least "
              + words(rules.minLead())
              + " in the future; the earliest valid time is "
              + format(firstValid, offset));
    } else if (!aligned) {
      Instant before = floor(at, step);
      Instant after = before.plusSeconds(step);
      String nearest =
          before.isBefore(earliest)
              ? "the nearest valid time is " + format(after, offset)
              : "the nearest valid times are "
                  + format(before, offset)
                  + " and "
                  + format(after, offset);
      checks.reject(
          field,
          "must fall on a "
              + boundary(rules.granularity())
              + " boundary (with the default: :00, :15, :30 or :45); "
              + nearest);
    } else if (at.isBefore(earliest)) {
      checks.reject(
          field,
          "must be at least "
              + words(rules.minLead())
              + " in the future; the earliest valid time is "
              + format(firstValid, offset));
    } else if (at.isAfter(latest)) {
      checks.reject(
          field,
          "must be at most "
              + words(rules.maxHorizon())
              + " ahead; the latest valid time is "
              + format(lastValid, offset));
    } else {
      return Optional.of(time);
    }
    return Optional.empty();
  }

  static Optional<OffsetDateTime> parse(String raw) {
    if (!RFC_3339.matcher(raw).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(raw.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String format(Instant instant, ZoneOffset offset) {
    return OUT.format(instant.atOffset(offset));
  }

  private static Instant floor(Instant instant, long step) {
    return Instant.ofEpochSecond(
        instant.getEpochSecond() - Math.floorMod(instant.getEpochSecond(), step));
  }

  private static Instant ceil(Instant instant, long step) {
    Instant floor = floor(instant, step);
    return floor.equals(instant) ? floor : floor.plusSeconds(step);
  }

  static String words(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  /** "15-minute", "1-hour": the size of a step as an adjective. */
  static String boundary(Duration duration) {
    String words = words(duration);
    return words.replace(' ', '-').replaceAll("s$", "");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
