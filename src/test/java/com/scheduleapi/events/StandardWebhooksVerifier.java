package com.scheduleapi.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification
 * (standardwebhooks.com) for the tests, independently of the code under test: the signed content is
 * {@code msg_id.timestamp.payload}, the key is the base64-decoded secret after {@code whsec_}, and
 * the header holds space-separated {@code v1,<base64 HMAC-SHA256>} entries, any of which may match.
 */
final class StandardWebhooksVerifier {

  private StandardWebhooksVerifier() {}

  static boolean verify(String secret, String id, String timestamp, String body, String header) {
    if (secret == null || !secret.startsWith("whsec_") || header == null) {
      return false;
    }
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      String expected =
          Base64.getEncoder()
              .encodeToString(
                  hmac.doFinal(
                      (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
      for (String entry : header.split(" ")) {
        String[] parts = entry.split(",", 2);
        if (parts.length == 2 && parts[0].equals("v1") && parts[1].equals(expected)) {
          return true;
        }
      }
      return false;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
