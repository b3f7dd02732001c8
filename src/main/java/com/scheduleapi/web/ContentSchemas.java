package com.scheduleapi.web;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The message parts that the service keeps as loose JSON (so that its rules can name exactly what
 * is wrong in them) but that clients need typed: content, template references, media and group
 * targets. Records refer to them with {@code @Schema(ref = "ScheduledContent")}.
 */
@Configuration(proxyBeanMethods = false)
class ContentSchemas {

  /** E.164 digits without spaces, 8 to 15 of them, not starting with 0; a leading + is dropped. */
  static final String PHONE_PATTERN = "^\\+?[1-9][0-9]{7,14}$";

  static final String PHONE_RULE =
      "E.164 without spaces: 8 to 15 digits, not starting with 0; a leading `+` is dropped"
          + " (14155553434).";

  @Bean
  OpenApiCustomizer contentSchemasInDocs() {
    return docs -> {
      for (Schema<?> schema : docs.getComponents().getSchemas().values()) {
        if (schema.getProperties() != null) {
          schema.getProperties().values().forEach(property -> dropJsonNodeType(property));
        }
      }
      docs.getComponents()
          .addSchemas("ScheduledContent", scheduledContent())
          .addSchemas("TemplateContent", templateContent())
          .addSchemas("TemplateReference", templateReference())
          .addSchemas("Attachment", attachment())
          .addSchemas("GalleryEntry", galleryEntry())
          .addSchemas("Target", target());
    };
  }

  /**
   * A {@code JsonNode} field that names its schema keeps springdoc's "any JSON object" type beside
   * it; the named schema alone is what the field holds.
   */
  private static void dropJsonNodeType(Schema<?> property) {
    if (property.get$ref() != null) {
      property.setType(null);
      property.setTypes(null);
      property.setDescription(null);
    } else if (property.getItems() != null) {
      property.setType("array");
      property.setTypes(Set.of("array"));
    }
  }

  static Schema<?> phone() {
    return new StringSchema().pattern(PHONE_PATTERN).description(PHONE_RULE);
  }

  private static Schema<?> scheduledContent() {
    return new ObjectSchema()
        .description(
            "What to send: at least one of text, template, attachments or gallery. Answers show"
                + " `template` as its id.")
        .addProperty("text", text())
        .addProperty(
            "to",
            phone()
                .description(
                    "The recipient, as `phone_number` names it; both given must be equal."))
        .addProperty(
            "template",
            new Schema<>()
                .description(
                    "A template of the team, by id or as `{\"id\": <template id>}`; its text may"
                        + " hold `{{first_name}}` and `{{last_name}}`.")
                .oneOf(
                    List.of(
                        new IntegerSchema().format("int64"),
                        new Schema<>().$ref("#/components/schemas/TemplateReference"))))
        .addProperty(
            "attachments",
            new ArraySchema()
                .maxItems(10)
                .items(new Schema<>().$ref("#/components/schemas/Attachment"))
                .description("Files to include, at most 10."))
        .addProperty("gallery", gallery());
  }

  private static Schema<?> templateContent() {
    return new ObjectSchema()
        .description("A template's message: text, a gallery, or both.")
        .addProperty("text", text())
        .addProperty("gallery", gallery());
  }

  private static Schema<?> templateReference() {
    return new ObjectSchema()
        .description("A template by id.")
        .addProperty("id", new IntegerSchema().format("int64"))
        .required(List.of("id"));
  }

  private static Schema<?> attachment() {
    return new ObjectSchema()
        .description("A file to include with the message.")
        .addProperty("url", url())
        .addProperty("type", new StringSchema().description("Its media type, such as image/png."))
        .addProperty("name", new StringSchema().description("Its file name."))
        .required(List.of("url"));
  }

  private static Schema<?> galleryEntry() {
    return new ObjectSchema()
        .description("An image to include with the message; other fields are kept as given.")
        .addProperty("url", url())
        .required(List.of("url"));
  }

  private static Schema<?> target() {
    return new Schema<>()
        .description("One recipient of a group message: a phone, or an object naming it.")
        .oneOf(
            List.of(
                phone(),
                new ObjectSchema()
                    .addProperty("phone_number", phone())
                    .required(List.of("phone_number"))));
  }

  private static Schema<?> text() {
    return new StringSchema()
        .maxLength(1600)
        .description("Message text, at most 1,600 characters.");
  }

  private static Schema<?> gallery() {
    return new ArraySchema()
        .maxItems(10)
        .items(new Schema<>().$ref("#/components/schemas/GalleryEntry"))
        .description("Images to include, at most 10.");
  }

  private static Schema<?> url() {
    return new StringSchema().format("uri").maxLength(2048).description("An http or https URL.");
  }
}
