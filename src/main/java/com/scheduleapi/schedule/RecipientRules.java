package com.scheduleapi.schedule;

import com.scheduleapi.directory.ContactLists;
import com.scheduleapi.directory.Directory;
import com.scheduleapi.directory.Phones;
import com.scheduleapi.web.FieldChecks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Who a schedule goes to: exactly one of a phone ({@code phone_number} or {@code content.to}), a
 * group ({@code targets}), a conversation or a list, phones in E.164 digits and each named once.
 */
final class RecipientRules {

  static final int MIN_TARGETS = 2;
  static final int MAX_TARGETS = 10;

  private final Directory directory;
  private final ContactLists lists;

  RecipientRules(Directory directory, ContactLists lists) {
    this.directory = directory;
    this.lists = lists;
  }

  Recipient check(long teamId, ScheduleRequest request, FieldChecks checks) {
    String phone = phone(request, checks);
    List<String> given = new ArrayList<>();
    if (phone != null || request.phoneNumber() != null) {
      given.add("phone_number");
    }
    boolean hasTargets = request.targets() != null && !request.targets().isNull();
    if (hasTargets) {
      given.add("targets");
    }
    if (request.conversationId() != null) {
      given.add("conversation_id");
    }
    if (request.listId() != null) {
      given.add("list_id");
    }
    if (given.isEmpty() && !checks.hasProblemAt("content.to")) {
      checks.reject(
          "phone_number",
          "a recipient is required: give exactly one of phone_number (or content.to), targets,"
              + " conversation_id or list_id");
      return Recipient.NONE;
    }
    if (given.size() > 1) {
      for (String field : given) {
        checks.reject(
            field, "give exactly one recipient; this request gives " + String.join(", ", given));
      }
      return Recipient.NONE;
    }
    if (hasTargets) {
      return new Recipient(null, targets(request.targets(), checks));
    }
    if (request.conversationId() != null) {
      Optional<String> conversationPhone =
          directory.conversationPhone(teamId, request.conversationId());
      if (conversationPhone.isEmpty()) {
        checks.reject("conversation_id", "is not one of your conversations");
      }
      return new Recipient(conversationPhone.orElse(null), null);
    }
    if (request.listId() != null && !lists.exists(teamId, request.listId())) {
      checks.reject("list_id", "is not one of your lists");
    }
    return new Recipient(phone, null);
  }

  /** phone_number, or content.to alone; both given must name the same number. */
  private static String phone(ScheduleRequest request, FieldChecks checks) {
    JsonNode to =
        request.content() != null && request.content().isObject()
            ? request.content().get("to")
            : null;
    String contentTo = null;
    if (to != null && !to.isNull()) {
      if (!to.isString() && !to.isNumber()) {
        checks.reject("content.to", Phones.RULE);
        return null;
      }
      contentTo = to.asString();
    }
    String phone = null;
    if (request.phoneNumber() != null) {
      phone = Phones.normalize(request.phoneNumber()).orElse(null);
      if (phone == null) {
        checks.reject("phone_number", Phones.RULE);
      }
    }
    if (contentTo != null) {
      String normalisedTo = Phones.normalize(contentTo).orElse(null);
      if (normalisedTo == null) {
        checks.reject("content.to", Phones.RULE);
      } else if (request.phoneNumber() == null) {
        return normalisedTo;
      } else if (phone != null && !phone.equals(normalisedTo)) {
        checks.reject("content.to", "must equal phone_number when both are given");
      }
    }
    return phone;
  }

  private static List<String> targets(JsonNode targets, FieldChecks checks) {
    if (!targets.isArray()) {
      checks.reject("targets", "must be an array of 2 to 10 phone numbers");
      return null;
    }
    if (targets.size() < MIN_TARGETS || targets.size() > MAX_TARGETS) {
      checks.reject(
          "targets",
          "has "
              + targets.size()
              + " phones; a group message needs "
              + MIN_TARGETS
              + " to "
              + MAX_TARGETS);
    }
    Set<String> phones = new LinkedHashSet<>();
    for (int i = 0; i < targets.size(); i++) {
      JsonNode target = targets.get(i);
      JsonNode number = target.isObject() ? target.get("phone_number") : target;
      String field = "targets[" + i + "]" + (target.isObject() ? ".phone_number" : "");
      Optional<String> phone =
          number != null && (number.isString() || number.isNumber())
              ? Phones.normalize(number.asString())
              : Optional.empty();
      if (phone.isEmpty()) {
        checks.reject(field, Phones.RULE);
      } else if (!phones.add(phone.get())) {
        checks.reject(field, "repeats " + phone.get() + "; give each phone once");
      }
    }
    return List.copyOf(phones);
  }

  /** A single's phone, or a group's phones; both null for a list or when the request failed. */
  record Recipient(String phone, List<String> targets) {
    static final Recipient NONE = new Recipient(null, null);
  }
}
