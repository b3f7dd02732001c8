package com.scheduleapi.sms;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.core5.http.ContentType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}), from the inbox's
 * number or through a Messaging Service, asking for status callbacks when the service knows its
 * public address. Twilio has no group MMS in this API: the dispatcher gives this sender one
 * delivery per phone of a group ({@link #sendsGroups}); a group handed over whole anyway (a sender
 * swapped in at run time) goes to each phone in turn.
 */
class TwilioSender implements SmsSender, AutoCloseable {

  /** A form as Twilio takes it, without the library's ISO-8859-1 charset parameter. */
  private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded");

  private final ProviderClient http;
  private final SenderProperties.Twilio properties;
  private final JsonMapper json;
  private final URI messages;
  private final String authorization;
  private final URI statusCallback;
  private final TwilioErrors errors;

  /**
   * {@code statusCallback}: where Twilio reports each message's status; null asks for none. {@code
   * maxConnections}: as many as the dispatcher's calls in flight, each holds one.
   */
  TwilioSender(
      SenderProperties.Twilio properties,
      URI statusCallback,
      int maxConnections,
      JsonMapper json,
      Clock clock) {
    if (properties.accountSid() == null || properties.authToken() == null) {
      throw new IllegalStateException(
          "schedule.sender.type=twilio needs schedule.sender.twilio.account-sid and auth-token");
    }
    this.properties = properties;
    this.json = json;
    this.statusCallback = statusCallback;
    this.errors = new TwilioErrors(json);
    String base = properties.baseUrl().toString().replaceAll("/+$", "");
    this.messages =
        URI.create(base + "/2010-04-01/Accounts/" + properties.accountSid() + "/Messages.json");
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (properties.accountSid() + ":" + properties.authToken())
                        .getBytes(StandardCharsets.UTF_8));
    // schedule.sender.twilio has no connect timeout: a connection may take as long as an answer.
    this.http =
        new ProviderClient(
            messages, properties.readTimeout(), properties.readTimeout(), maxConnections, clock);
  }

  @Override
  public boolean sendsGroups() {
    return false;
  }

  @Override
  public CompletionStage<SendResult> send(OutgoingMessage message) {
    return sendFrom(message, 0, new ArrayList<>());
  }

  /** The phones of a group one after the other; the first that is not accepted ends the chain. */
  private CompletionStage<SendResult> sendFrom(OutgoingMessage message, int i, List<String> sids) {
    if (i == message.to().size()) {
      return CompletableFuture.completedFuture(
          new SendResult.Sent(sids.isEmpty() ? null : String.join(",", sids)));
    }
    String token = message.idempotencyKey() + (message.to().size() > 1 ? "-" + i : "");
    return sendOne(message, message.to().get(i), token)
        .thenCompose(
            result -> {
              if (!(result instanceof SendResult.Sent sent)) {
                return CompletableFuture.completedFuture(result);
              }
              if (sent.providerMessageId() != null) {
                sids.add(sent.providerMessageId());
              }
              return sendFrom(message, i + 1, sids);
            });
  }

  private CompletionStage<SendResult> sendOne(
      OutgoingMessage message, String to, String idempotencyToken) {
    StringBuilder form = new StringBuilder();
    field(form, "To", "+" + to);
    if (properties.messagingServiceSid() != null && !properties.messagingServiceSid().isBlank()) {
      field(form, "MessagingServiceSid", properties.messagingServiceSid());
    } else {
      field(form, "From", "+" + message.from());
    }
    if (message.text() != null) {
      field(form, "Body", message.text());
    }
    for (JsonNode media : List.of(orEmpty(message.attachments()), orEmpty(message.gallery()))) {
      media.forEach(entry -> field(form, "MediaUrl", entry.path("url").asString()));
    }
    if (statusCallback != null) {
      field(form, "StatusCallback", statusCallback.toString());
    }
    return http.exchange(
        SimpleRequestBuilder.post(messages)
            .setHeader("Authorization", authorization)
            .setHeader("I-Twilio-Idempotency-Token", idempotencyToken)
            .setBody(form.toString().getBytes(StandardCharsets.UTF_8), FORM)
            .build(),
        errors,
        body -> json.readTree(body).path("sid").asString(null));
  }

  @Override
  public void close() {
    http.close();
  }

  private JsonNode orEmpty(JsonNode node) {
    return node == null ? json.createArrayNode() : node;
  }

  private static void field(StringBuilder form, String name, String value) {
    if (form.length() > 0) {
      form.append('&');
    }
    form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
