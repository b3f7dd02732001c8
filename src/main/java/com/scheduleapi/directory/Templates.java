package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.NotFound;
import com.scheduleapi.web.Times;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Message templates of a team. */
@Service
public class Templates {

  private final TemplateRepository templates;
  private final JsonMapper json;
  private final Clock clock;

  Templates(TemplateRepository templates, JsonMapper json, Clock clock) {
    this.templates = templates;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  Created create(long teamId, TemplateRequest request) {
    FieldChecks checks = new FieldChecks();
    if (request.title() == null || request.title().isBlank()) {
      checks.reject("title", "is required: a title for the template");
    }
    if (request.localId() != null && request.localId().length() > 255) {
      checks.reject("local_id", "must be at most 255 characters");
    }
    ObjectNode content = json.createObjectNode();
    if (request.content() == null || !request.content().isObject()) {
      checks.reject("content", "is required: an object with text and/or gallery");
    } else {
      boolean hasText =
          ContentRules.checkText(request.content().get("text"), "content.text", checks);
      boolean hasGallery =
          ContentRules.checkMedia(
              request.content().get("gallery"),
              "content.gallery",
              ContentRules.MAX_GALLERY,
              checks);
      if (!hasText && !hasGallery && !checks.hasProblems()) {
        checks.reject("content", "needs text or a gallery");
      }
      if (hasText) {
        content.set("text", request.content().get("text"));
      }
      if (hasGallery) {
        content.set("gallery", request.content().get("gallery"));
      }
    }
    checks.throwIfAny();
    Template template =
        templates.save(
            new Template(
                teamId,
                request.title().trim(),
                content.toString(),
                request.localId(),
                clock.instant()));
    return new Created(template.id(), template.rev(), template.uuid());
  }

  @Transactional(readOnly = true)
  TemplateView get(long teamId, long id) {
    Template t = templates.findInTeam(teamId, id).orElseThrow(() -> new NotFound("template", id));
    return new TemplateView(
        t.id(),
        t.title(),
        json.readTree(t.content()),
        t.localId(),
        t.rev(),
        t.uuid(),
        Times.utc(t.createdAt()),
        Times.utc(t.updatedAt()));
  }

  /** The template's content object ({"text", "gallery"}), for sending. */
  @Transactional(readOnly = true)
  public Optional<JsonNode> content(long teamId, long id) {
    return templates.findInTeam(teamId, id).map(t -> json.readTree(t.content()));
  }

  @Transactional(readOnly = true)
  public boolean exists(long teamId, long id) {
    return templates.findInTeam(teamId, id).isPresent();
  }

  record TemplateRequest(
      String title,
      @Schema(ref = "#/components/schemas/TemplateContent") JsonNode content,
      String localId) {}

  @Schema(name = "TemplateCreated")
  record Created(long id, int rev, UUID uuid) {}

  record TemplateView(
      long id,
      String title,
      @Schema(ref = "#/components/schemas/TemplateContent") JsonNode content,
      String localId,
      int rev,
      UUID uuid,
      String created,
      String updated) {}
}
