package com.scheduleapi.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the full URL Twilio called followed by each POST field's name and
 * value, fields sorted by name (values of one name in order). Every Twilio webhook of this service
 * checks it here: incoming messages, and status callbacks.
 */
public final class TwilioSignature {

  private final byte[] authToken;

  public TwilioSignature(String authToken) {
    this.authToken = authToken == null ? new byte[0] : authToken.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the header is the signature of this URL and these form fields; false without one. */
  public boolean matches(String url, Map<String, String[]> fields, String header) {
    if (authToken.length == 0 || header == null || header.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(url, fields).getBytes(StandardCharsets.UTF_8),
        header.trim().getBytes(StandardCharsets.UTF_8));
  }

  String sign(String url, Map<String, String[]> fields) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(fields)
        .forEach(
            (name, values) -> {
              String[] sorted = values.clone();
              Arrays.sort(sorted);
              for (String value : sorted) {
                data.append(name).append(value);
              }
            });
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken, "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
