package com.scheduleapi.schedule;

import com.scheduleapi.directory.ContactLists;
import com.scheduleapi.directory.ContentRules;
import com.scheduleapi.directory.Directory;
import com.scheduleapi.directory.SendingHours;
import com.scheduleapi.directory.Teams;
import com.scheduleapi.directory.Templates;
import com.scheduleapi.web.FieldChecks;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Checks a create or update body against every rule of the contract, collecting all problems. */
@Component
class ScheduleRules {

  static final int MAX_LOCAL_ID = 255;
  static final int MAX_BATCH_ID = 64;

  private final ExecuteAtRules executeAt;
  private final SendTimingRules timing;
  private final RecipientRules recipients;
  private final Directory directory;
  private final Teams teams;
  private final Templates templates;
  private final JsonMapper json;

  ScheduleRules(
      RulesProperties rules,
      Directory directory,
      Teams teams,
      Templates templates,
      ContactLists lists,
      SendingHours hours,
      JsonMapper json) {
    this.executeAt = new ExecuteAtRules(rules);
    this.timing = new SendTimingRules(executeAt, hours);
    this.recipients = new RecipientRules(directory, lists);
    this.directory = directory;
    this.teams = teams;
    this.templates = templates;
    this.json = json;
  }

  ValidSchedule check(long teamId, ScheduleRequest request, Instant now) {
    FieldChecks checks = new FieldChecks();
    if (request.inboxId() == null) {
      checks.reject("inbox_id", "is required: the id of the inbox to send from");
    } else if (!directory.hasInbox(teamId, request.inboxId())) {
      checks.reject("inbox_id", "is not one of your inboxes; list them with GET /v1/inboxes");
    }
    SendTimingRules.Asked asked = timing.read(request, now, checks);
    ObjectNode content = content(teamId, request.content(), checks);
    RecipientRules.Recipient recipient = recipients.check(teamId, request, checks);
    if (request.localId() != null && request.localId().length() > MAX_LOCAL_ID) {
      checks.reject("local_id", "must be at most " + MAX_LOCAL_ID + " characters");
    }
    if (request.batchId() != null
        && (request.batchId().isBlank() || request.batchId().length() > MAX_BATCH_ID)) {
      checks.reject("batch_id", "must be 1 to " + MAX_BATCH_ID + " characters");
    }
    if (request.userId() != null && !teams.isMember(teamId, request.userId())) {
      checks.reject("user_id", "is not a member of your team; see GET /v1/team");
    }
    Optional<SendTiming> planned = Optional.empty();
    if (!checks.hasProblems()) {
      SendTimingRules.To to =
          new SendTimingRules.To(
              teamId,
              request.inboxId(),
              recipient.phone(),
              recipient.targets() != null,
              request.listId());
      planned = timing.plan(to, asked, now, checks);
    }
    checks.throwIfAny();
    long userId = request.userId() != null ? request.userId() : teams.ownerOf(teamId);
    return new ValidSchedule(
        request.inboxId(),
        planned.orElseThrow().execute(),
        content,
        recipient.phone(),
        recipient.targets(),
        request.conversationId(),
        request.listId(),
        request.localId(),
        userId,
        RequestHash.of(json.valueToTree(request)),
        planned.orElseThrow(),
        request.batchId());
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
}
