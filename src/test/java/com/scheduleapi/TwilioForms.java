package com.scheduleapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The requests Twilio makes to the service (an incoming message, a status callback), built and
 * signed here apart from the service's own code, so a test checks the service against Twilio's
 * documented algorithm rather than against itself.
 */
public final class TwilioForms {

  private TwilioForms() {}

  /**
   * Twilio's documented signature: the full URL, then each POST field's name and value, sorted by
   * name; HMAC-SHA1 keyed with the account's auth token; base64.
   */
  public static String sign(String authToken, String url, Map<String, String> fields) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(fields).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fields as an {@code application/x-www-form-urlencoded} body. */
  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** Posts the fields as Twilio does, with this signature header (none when null). */
  public static ApiClient.Response post(
      ApiClient api, String path, Map<String, String> fields, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    if (signature != null) {
      headers.put("X-Twilio-Signature", signature);
    }
    return api.send("POST", path, form(fields), headers);
  }
}
