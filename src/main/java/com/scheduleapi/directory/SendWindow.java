package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An inbox's sending hours in the recipient's local time: the days it opens and from when until
 * when ({@code to} exclusive). A message due outside them is held until the next opening, never
 * refused.
 */
public record SendWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("HH:mm");

  /**
   * The first instant at or after {@code at} inside the window in {@code zone}. Wall times a DST
   * change skips move forward to the first valid instant; repeated ones take the first.
   */
  public Instant next(Instant at, ZoneId zone) {
    LocalDate day = at.atZone(zone).toLocalDate();
    for (int i = 0; i <= 7; i++) {
      LocalDate date = day.plusDays(i);
      if (!days.contains(date.getDayOfWeek())) {
        continue;
      }
      Instant close = instant(date.atTime(to), zone);
      if (at.isBefore(close)) {
        Instant open = instant(date.atTime(from), zone);
        return at.isBefore(open) ? open : at;
      }
    }
    throw new IllegalStateException("a window with days always opens within a week");
  }

  /**
   * The instant a wall time names in a zone: skipped times move forward, repeated take the first.
   */
  public static Instant instant(LocalDateTime wall, ZoneId zone) {
    if (zone.getRules().getValidOffsets(wall).isEmpty()) {
      ZoneOffsetTransition gap = zone.getRules().getTransition(wall);
      return gap.getInstant();
    }
    return wall.atZone(zone).toInstant();
  }

  /** The window as the API takes and shows it. */
  public Json json() {
    return new Json(
        days.stream()
            .sorted()
            .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT))
            .toList(),
        OUT.format(from),
        OUT.format(to));
  }

  /** {@code {"days":["MON",…],"from":"HH:MM","to":"HH:MM"}}. */
  @Schema(
      name = "SendWindow",
      description =
          "Sending hours in the recipient's local time; a message due outside them is held until"
              + " they open.")
  public record Json(
      @Schema(
              description = "The days it opens; every day if left out.",
              allowableValues = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"})
          List<String> days,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              example = "08:00",
              description = "Opens (HH:MM).")
          String from,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              example = "21:00",
              description = "Closes (HH:MM, exclusive), later than from.")
          String to) {}

  /** The stored form: {@code MON,TUE|08:00|21:00}. */
  String stored() {
    Json json = json();
    return String.join(",", json.days()) + "|" + json.from() + "|" + json.to();
  }

  /** The window a stored form names; null for null (any time). */
  public static SendWindow ofStored(String stored) {
    if (stored == null) {
      return null;
    }
    String[] parts = stored.split("\\|");
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : parts[0].split(",")) {
      days.add(dayOf(day));
    }
    return new SendWindow(days, LocalTime.parse(parts[1]), LocalTime.parse(parts[2]));
  }

  /** Reads a window from the API; problems are named under {@code field}. */
  static SendWindow parse(JsonNode node, String field, FieldChecks checks) {
    if (!node.isObject()) {
      checks.reject(
          field,
          "must be an object {\"days\":[\"MON\",…],\"from\":\"HH:MM\",\"to\":\"HH:MM\"},"
              + " or null for any time");
      return null;
    }
    Set<DayOfWeek> days = days(node.get("days"), field + ".days", checks);
    LocalTime from = time(node.get("from"), field + ".from", checks);
    LocalTime to = time(node.get("to"), field + ".to", checks);
    if (from != null && to != null && !from.isBefore(to)) {
      checks.reject(field + ".to", "must be later than from on the same day (24-hour local time)");
    }
    if (days == null || from == null || to == null || !from.isBefore(to)) {
      return null;
    }
    return new SendWindow(days, from, to);
  }

  private static Set<DayOfWeek> days(JsonNode node, String field, FieldChecks checks) {
    if (node == null || node.isNull()) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    String rule = "must be a list of days out of MON, TUE, WED, THU, FRI, SAT, SUN";
    if (!node.isArray()) {
      checks.reject(field, rule);
      return null;
    }
    List<DayOfWeek> days = new ArrayList<>();
    for (JsonNode day : node) {
      DayOfWeek parsed = day.isString() ? dayOf(day.asString()) : null;
      if (parsed == null) {
        checks.reject(field, rule + "; " + day + " is not one");
        return null;
      }
      days.add(parsed);
    }
    if (days.isEmpty()) {
      checks.reject(field, "is empty, so the window could never open; leave it out for every day");
      return null;
    }
    return EnumSet.copyOf(days);
  }

  private static DayOfWeek dayOf(String name) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.getDisplayName(TextStyle.SHORT, Locale.ROOT).equalsIgnoreCase(name)) {
        return day;
      }
    }
    return null;
  }

  private static LocalTime time(JsonNode node, String field, FieldChecks checks) {
    if (node == null || !node.isString() || !HH_MM.matcher(node.asString()).matches()) {
      checks.reject(field, "is required: a 24-hour local time HH:MM such as 08:00 or 21:00");
      return null;
    }
    try {
      return LocalTime.parse(node.asString());
    } catch (DateTimeParseException e) {
      checks.reject(field, "must be a 24-hour local time HH:MM such as 08:00 or 21:00");
      return null;
    }
  }
}
