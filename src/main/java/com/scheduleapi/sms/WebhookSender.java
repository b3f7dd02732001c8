package com.scheduleapi.sms;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs each message as JSON to one URL. A 2xx is sent (a JSON {"id"} in the answer becomes the
 * provider message id); 408, 429, 5xx and network trouble are tried again; other 4xx fail.
 */
class WebhookSender implements SmsSender {

  private final HttpClient http;
  private final SenderProperties.Webhook properties;
  private final JsonMapper json;
  private final Clock clock;

  WebhookSender(SenderProperties.Webhook properties, JsonMapper json, Clock clock) {
    if (properties.url() == null) {
      throw new IllegalStateException(
          "schedule.sender.type=webhook needs schedule.sender.webhook.url");
    }
    this.properties = properties;
    this.json = json;
    this.clock = clock;
    // One client for the life of the node: it pools and reuses connections.
    this.http =
        HttpOutcomes.client(
            properties.connectTimeout(), "https".equalsIgnoreCase(properties.url().getScheme()));
  }

  @Override
  public CompletionStage<SendResult> send(OutgoingMessage message) {
    HttpRequest request =
        HttpRequest.newBuilder(properties.url())
            .timeout(properties.readTimeout())
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", message.idempotencyKey().toString())
            .header("X-Schedule-Node", message.node())
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload(message))))
            .build();
    return HttpOutcomes.exchange(http, request, this::providerId, clock);
  }

  private static Map<String, Object> payload(OutgoingMessage m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("delivery_id", m.deliveryId());
    body.put("schedule_id", m.scheduleId());
    body.put("idempotency_key", m.idempotencyKey().toString());
    body.put("inbox_id", m.inboxId());
    body.put("from", m.from());
    body.put("to", m.group() ? m.to() : m.to().get(0));
    body.put("text", m.text());
    body.put("attachments", m.attachments());
    body.put("gallery", m.gallery());
    body.put("user_id", m.userId());
    return body;
  }

  private String providerId(String body) {
    JsonNode id = json.readTree(body).get("id");
    return id == null || id.isNull() || id.isContainer() ? null : id.asString();
  }
}
