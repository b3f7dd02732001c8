package com.scheduleapi.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook call as Standard Webhooks does: HMAC-SHA256 over {@code
 * "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the base64-decoded part of the secret
 * after {@code whsec_}, sent as {@code v1,<base64>}.
 */
final class WebhookSigner {

  static final String PREFIX = "whsec_";

  private final byte[] key;

  WebhookSigner(String secret) {
    this.key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
  }

  String sign(String webhookId, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal((webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
