package com.scheduleapi.sms;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.core5.http.ContentType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs each message as JSON to one URL. A 2xx is sent (a JSON {"id"} in the answer becomes the
 * provider message id); 408, 429, 5xx and network trouble are tried again; other 4xx fail.
 */
class WebhookSender implements SmsSender, AutoCloseable {

  /** application/json as the contract names it, without the library's charset parameter. */
  private static final ContentType JSON = ContentType.create("application/json");

  private final ProviderClient http;
  private final SenderProperties.Webhook properties;
  private final JsonMapper json;

  /** {@code maxConnections}: as many as the dispatcher's calls in flight, each holds one. */
  WebhookSender(
      SenderProperties.Webhook properties, int maxConnections, JsonMapper json, Clock clock) {
    if (properties.url() == null) {
      throw new IllegalStateException(
          "schedule.sender.type=webhook needs schedule.sender.webhook.url");
    }
    this.properties = properties;
    this.json = json;
    this.http =
        new ProviderClient(
            properties.url(),
            properties.connectTimeout(),
            properties.readTimeout(),
            maxConnections,
            clock);
  }

  @Override
  public CompletionStage<SendResult> send(OutgoingMessage message) {
    return http.exchange(
        SimpleRequestBuilder.post(properties.url())
            .setHeader("Idempotency-Key", message.idempotencyKey().toString())
            .setHeader("X-Schedule-Node", message.node())
            .setBody(json.writeValueAsBytes(payload(message)), JSON)
            .build(),
        this::providerId);
  }

  @Override
  public void close() {
    http.close();
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
