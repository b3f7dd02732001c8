package com.scheduleapi.events;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A webhook endpoint as the API shows it; its secret is shown only when it is created. */
@Schema(name = "Webhook", description = "An endpoint that receives the team's events.")
record WebhookView(
    long id,
    @Schema(requiredMode = RequiredMode.REQUIRED) String url,
    @ArraySchema(
            schema = @Schema(ref = "#/components/schemas/EventType"),
            arraySchema = @Schema(description = "The types it receives; empty means every type."))
        List<String> events,
    @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String created,
    @Schema(description = "Why the last call failed; null once a call succeeds.")
        String lastError) {

  @Schema(name = "WebhookRequest", description = "An endpoint to register.")
  record Request(
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              maxLength = 2048,
              example = "https://crm.example.com/hooks/sms",
              description =
                  "http or https. A host that resolves to a loopback, private, link-local,"
                      + " multicast or unspecified address is refused.")
          String url,
      @ArraySchema(
              schema = @Schema(ref = "#/components/schemas/EventType"),
              arraySchema =
                  @Schema(description = "The types to receive; absent or empty: every type."))
          JsonNode events) {}

  @Schema(
      name = "WebhookCreated",
      description = "The new endpoint with its signing secret, shown only in this answer.")
  record Created(
      long id,
      @Schema(requiredMode = RequiredMode.REQUIRED) String url,
      @ArraySchema(schema = @Schema(ref = "#/components/schemas/EventType")) List<String> events,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
              description =
                  "whsec_ and the base64 of 32 random bytes: the key of the webhook-signature"
                      + " header (Standard Webhooks). Keep it; it is never shown again.")
          String secret) {}

  @Schema(name = "WebhookList", description = "The team's webhook endpoints.")
  record Page(List<WebhookView> items) {}
}
