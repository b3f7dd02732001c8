package com.scheduleapi.schedule;

import com.scheduleapi.directory.ContactLists;
import com.scheduleapi.directory.ContentRules;
import com.scheduleapi.directory.Directory;
import com.scheduleapi.directory.Phones;
import com.scheduleapi.directory.Teams;
import com.scheduleapi.directory.Templates;
import com.scheduleapi.web.FieldChecks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Checks a create or update body against every rule of the contract, collecting all problems. */
@Component
class ScheduleRules {

  static final int MIN_TARGETS = 2;
  static final int MAX_TARGETS = 10;
  static final int MAX_LOCAL_ID = 255;

  private final ExecuteAtRules executeAt;
  private final Directory directory;
  private final Teams teams;
  private final Templates templates;
  private final ContactLists lists;
  private final JsonMapper json;

  ScheduleRules(
      RulesProperties rules,
      Directory directory,
      Teams teams,
      Templates templates,
      ContactLists lists,
      JsonMapper json) {
    this.executeAt = new ExecuteAtRules(rules);
    this.directory = directory;
    this.teams = teams;
    this.templates = templates;
    this.lists = lists;
    this.json = json;
  }

  ValidSchedule check(long teamId, ScheduleRequest request, Instant now) {
    FieldChecks checks = new FieldChecks();
    if (request.inboxId() == null) {
      checks.reject("inbox_id", "is required: the id of the inbox to send from");
    } else if (!directory.hasInbox(teamId, request.inboxId())) {
      checks.reject("inbox_id", "is not one of your inboxes; list them with GET /v1/inboxes");
    }
    Optional<OffsetDateTime> at = executeAt.check(request.executeAt(), now, checks);
    ObjectNode content = content(teamId, request.content(), checks);
    Recipient recipient = recipient(teamId, request, checks);
    if (request.localId() != null && request.localId().length() > MAX_LOCAL_ID) {
      checks.reject("local_id", "must be at most " + MAX_LOCAL_ID + " characters");
    }
    if (request.userId() != null && !teams.isMember(teamId, request.userId())) {
      checks.reject("user_id", "is not a member of your team; see GET /v1/team");
    }
    checks.throwIfAny();
    long userId = request.userId() != null ? request.userId() : teams.ownerOf(teamId);
    return new ValidSchedule(
        request.inboxId(),
        at.orElseThrow(),
        content,
        recipient.phone(),
        recipient.targets(),
        request.conversationId(),
        request.listId(),
        request.localId(),
        userId,
        RequestHash.of(json.valueToTree(request)));
  }

  private ObjectNode content(long teamId, JsonNode content, FieldChecks checks) {
    ObjectNode normalised = json.createObjectNode();
    if (content == null || content.isNull()) {
      checks.reject(
          "content", "is required: an object with text, template, attachments or gallery");
      return normalised;
    }
    if (!content.isObject()) {
      checks.reject("content", "must be an object with text, template, attachments or gallery");
      return normalised;
    }
    boolean any = false;
    if (ContentRules.checkText(content.get("text"), "content.text", checks)) {
      normalised.set("text", content.get("text"));
      any = true;
    }
    Optional<Long> template = templateId(content.get("template"), checks);
    if (template.isPresent()) {
      if (templates.exists(teamId, template.get())) {
        normalised.put("template", template.get());
        any = true;
      } else {
        checks.reject("content.template", "is not one of your templates");
      }
    }
    if (ContentRules.checkMedia(
        content.get("attachments"), "content.attachments", ContentRules.MAX_ATTACHMENTS, checks)) {
      normalised.set("attachments", content.get("attachments"));
      any = true;
    }
    if (ContentRules.checkMedia(
        content.get("gallery"), "content.gallery", ContentRules.MAX_GALLERY, checks)) {
      normalised.set("gallery", content.get("gallery"));
      any = true;
    }
    if (!any && !checks.hasProblems()) {
      checks.reject("content", "needs at least one of text, template, attachments or gallery");
    }
    return normalised;
  }

  private static Optional<Long> templateId(JsonNode template, FieldChecks checks) {
    if (template == null || template.isNull()) {
      return Optional.empty();
    }
    JsonNode id = template.isObject() ? template.get("id") : template;
    if (id != null && id.isIntegralNumber() && id.canConvertToLong()) {
      return Optional.of(id.asLong());
    }
    if (id != null && id.isString() && id.asString().matches("[0-9]{1,18}")) {
      return Optional.of(Long.parseLong(id.asString()));
    }
    checks.reject("content.template", "must be a template id or an object {\"id\": <template id>}");
    return Optional.empty();
  }

  private Recipient recipient(long teamId, ScheduleRequest request, FieldChecks checks) {
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

  private record Recipient(String phone, List<String> targets) {
    static final Recipient NONE = new Recipient(null, null);
  }
}
