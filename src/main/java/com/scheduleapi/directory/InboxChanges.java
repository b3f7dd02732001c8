package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The fields of an inbox a create or {@code PATCH} gives, checked: a field left out stays as it is,
 * a field given as null is cleared (JSON merge patch).
 */
final class InboxChanges {

  static final String NAME = "name";
  static final String TIMEZONE = "timezone";
  static final String SEND_WINDOW = "send_window";
  static final String MPS = "mps";
  static final int MAX_MPS = 1000;

  private final Set<String> given = new HashSet<>();
  private String name;
  private String timezone;
  private SendWindow sendWindow;
  private Integer mps;

  private InboxChanges() {}

  /** Reads the fields a body gives, recording what is wrong with them. */
  static InboxChanges of(JsonNode body, FieldChecks checks) {
    InboxChanges changes = new InboxChanges();
    if (body == null || !body.isObject()) {
      checks.reject("body", "must be a JSON object with any of name, timezone, send_window, mps");
      return changes;
    }
    if (body.has(NAME)) {
      JsonNode name = body.get(NAME);
      if (!name.isString() || name.asString().isBlank()) {
        checks.reject(NAME, "must be a non-empty name for the inbox; it cannot be cleared");
      } else {
        changes.give(NAME).name = name.asString().trim();
      }
    }
    if (body.has(TIMEZONE)) {
      JsonNode zone = body.get(TIMEZONE);
      if (zone.isNull()) {
        changes.give(TIMEZONE);
      } else if (zone.isString() && TimeZones.parse(zone.asString()).isPresent()) {
        changes.give(TIMEZONE).timezone = zone.asString();
      } else {
        checks.reject(TIMEZONE, TimeZones.RULE + ", or null to clear it");
      }
    }
    if (body.has(SEND_WINDOW)) {
      JsonNode window = body.get(SEND_WINDOW);
      SendWindow parsed = window.isNull() ? null : SendWindow.parse(window, SEND_WINDOW, checks);
      if (window.isNull() || parsed != null) {
        changes.give(SEND_WINDOW).sendWindow = parsed;
      }
    }
    if (body.has(MPS)) {
      JsonNode mps = body.get(MPS);
      if (mps.isNull()) {
        changes.give(MPS);
      } else if (mps.isIntegralNumber()
          && mps.canConvertToInt()
          && mps.asInt() >= 1
          && mps.asInt() <= MAX_MPS) {
        changes.give(MPS).mps = mps.asInt();
      } else {
        checks.reject(
            MPS,
            "must be a whole number of messages a second from 1 to "
                + MAX_MPS
                + ", or null for no pacing");
      }
    }
    return changes;
  }

  private InboxChanges give(String field) {
    given.add(field);
    return this;
  }

  boolean gives(String field) {
    return given.contains(field);
  }

  String name() {
    return name;
  }

  String timezone() {
    return timezone;
  }

  SendWindow sendWindow() {
    return sendWindow;
  }

  Integer mps() {
    return mps;
  }
}
