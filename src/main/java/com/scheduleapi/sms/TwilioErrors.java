package com.scheduleapi.sms;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error codes of Twilio's answers that mean more than their HTTP status (the README lists
 * them): 21610, the recipient texted STOP to this sender, opts the contact out and skips the
 * delivery; 21211 and 21614, an invalid or non-mobile number, fail at once whatever the status.
 * Every other answer goes by its status (429 slows the inbox down, 5xx is retried).
 */
final class TwilioErrors implements HttpOutcomes.ProviderErrors {

  static final int UNSUBSCRIBED = 21610;
  static final Set<Integer> NEVER_DELIVERABLE = Set.of(21211, 21614);

  private final JsonMapper json;

  TwilioErrors(JsonMapper json) {
    this.json = json;
  }

  @Override
  public SendResult read(int status, String body) {
    JsonNode error;
    try {
      error = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (RuntimeException unreadable) {
      return null;
    }
    if (error == null || !error.path("code").canConvertToInt()) {
      return null;
    }
    int code = error.path("code").asInt();
    String text = "Twilio " + code + ": " + error.path("message").asString("(no message)");
    if (code == UNSUBSCRIBED) {
      return new SendResult.OptedOut(text);
    }
    return NEVER_DELIVERABLE.contains(code) ? new SendResult.Failed(text) : null;
  }
}
