package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.NotFound;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** The sending numbers of a team, with their time zone, sending hours and pace. */
@Service
class Inboxes {

  private final InboxRepository inboxes;
  private final Clock clock;

  Inboxes(InboxRepository inboxes, Clock clock) {
    this.inboxes = inboxes;
    this.clock = clock;
  }

  /** Creates an inbox from {@code {"name","phone"}} and any of the settings a PATCH takes. */
  @Transactional
  InboxView create(long teamId, JsonNode body) {
    FieldChecks checks = new FieldChecks();
    JsonNode name = body == null ? null : body.get("name");
    if (name == null || !name.isString() || name.asString().isBlank()) {
      checks.reject("name", "is required: a name for the inbox");
    }
    JsonNode rawPhone = body == null ? null : body.get("phone");
    Optional<String> phone =
        rawPhone != null && rawPhone.isString()
            ? Phones.normalize(rawPhone.asString())
            : Optional.empty();
    if (phone.isEmpty()) {
      checks.reject("phone", Phones.RULE);
    }
    InboxChanges settings = InboxChanges.of(body, checks);
    checks.throwIfAny();
    Inbox inbox = new Inbox(teamId, name.asString().trim(), phone.get(), clock.instant());
    inbox.change(settings);
    return inboxes.save(inbox).view();
  }

  /** Changes the fields the body gives; a field given as null is cleared. */
  @Transactional
  InboxView change(long teamId, long id, JsonNode body) {
    Inbox inbox = inboxes.findInTeam(teamId, id).orElseThrow(() -> new NotFound("inbox", id));
    FieldChecks checks = new FieldChecks();
    InboxChanges changes = InboxChanges.of(body, checks);
    checks.throwIfAny();
    inbox.change(changes);
    return inboxes.saveAndFlush(inbox).view();
  }

  @Transactional(readOnly = true)
  List<InboxView> list(long teamId) {
    return inboxes.findByTeam(teamId).stream().map(Inbox::view).toList();
  }

  @Transactional(readOnly = true)
  InboxView get(long teamId, long id) {
    return inboxes
        .findInTeam(teamId, id)
        .map(Inbox::view)
        .orElseThrow(() -> new NotFound("inbox", id));
  }

  /** The body of {@code POST /v1/inboxes}, for the API documentation. */
  @Schema(description = "A sending number; the settings may also be set later with PATCH.")
  record NewInboxRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String phone,
      @Schema(example = "America/Denver") String timezone,
      SendWindow.Json sendWindow,
      @Schema(minimum = "1", maximum = "1000") Integer mps) {}

  /** The body of {@code PATCH /v1/inboxes/{id}}, for the API documentation. */
  @Schema(
      description =
          "Any of these fields; one left out stays as it is, one given as null is cleared.")
  record InboxPatch(
      String name,
      @Schema(
              example = "America/Denver",
              description = "IANA zone for recipients whose contact and number name none.")
          String timezone,
      @Schema(description = "Sending hours in the recipient's local time.")
          SendWindow.Json sendWindow,
      @Schema(minimum = "1", maximum = "1000", description = "Messages a second at most.")
          Integer mps) {}
}
