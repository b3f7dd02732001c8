package com.scheduleapi.events;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Signed status webhooks and the event log (CONTRACT §10). */
@RestController
class WebhookController {

  private final Webhooks webhooks;
  private final EventLog log;

  WebhookController(Webhooks webhooks, EventLog log) {
    this.webhooks = webhooks;
    this.log = log;
  }

  @Operation(
      operationId = "createWebhook",
      summary = "Register a webhook endpoint",
      description =
          "Events are POSTed to the url, signed as Standard Webhooks defines (webhook-id,"
              + " webhook-timestamp, webhook-signature), at least once: a non-2xx, a timeout or a"
              + " refused connection is retried with backoff for up to a day, with the same"
              + " webhook-id. The secret is shown only in this answer.")
  @PostMapping("/v1/webhooks")
  WebhookView.Created create(Caller caller, @RequestBody WebhookView.Request request) {
    return webhooks.create(caller.teamId(), request);
  }

  @Operation(operationId = "listWebhooks", summary = "List the team's webhook endpoints")
  @GetMapping("/v1/webhooks")
  WebhookView.Page list(Caller caller) {
    return new WebhookView.Page(webhooks.list(caller.teamId()));
  }

  @Operation(
      operationId = "deleteWebhook",
      summary = "Delete a webhook endpoint",
      description = "No further events are sent to it; answers the JSON string \"ok\".")
  @DeleteMapping(path = "/v1/webhooks/{id}", produces = "application/json")
  String delete(
      Caller caller, @Parameter(description = "The id of the webhook.") @PathVariable long id) {
    webhooks.delete(caller.teamId(), id);
    return "\"ok\"";
  }

  @Operation(
      operationId = "listEvents",
      summary = "List the team's events, oldest first",
      description =
          "Every event of the team, for clients that missed a webhook; kept for 30 days. Pass the"
              + " last event id you have as after.",
      parameters = {
        @Parameter(
            name = "after",
            in = ParameterIn.QUERY,
            description = "Only events after this one (an event id, or next_cursor).",
            schema = @Schema(type = "string", example = "evt_42")),
        @Parameter(
            name = "type",
            in = ParameterIn.QUERY,
            description = "Only events of this type (several: separated by commas).",
            schema = @Schema(type = "string", example = "delivery.sent")),
        @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            description = "Page size.",
            schema =
                @Schema(
                    type = "integer",
                    format = "int32",
                    minimum = "1",
                    maximum = "1000",
                    defaultValue = "100"))
      })
  @GetMapping("/v1/events")
  EventView.Page events(
      Caller caller, @Parameter(hidden = true) @RequestParam Map<String, String> query) {
    return log.page(caller.teamId(), query);
  }
}
