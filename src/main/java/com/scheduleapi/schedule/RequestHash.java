package com.scheduleapi.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A digest of a request body that ignores the order of object keys, so "the same body" under a
 * local_id means the same fields with the same values.
 */
final class RequestHash {

  private RequestHash() {}

  static String of(JsonNode body) {
    StringBuilder canonical = new StringBuilder();
    write(body, canonical);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties()
          .forEach(
              e -> {
                if (!e.getValue().isNull()) {
                  sorted.put(e.getKey(), e.getValue());
                }
              });
      out.append('{');
      sorted.forEach(
          (key, value) -> {
            out.append('"').append(key).append("\":");
            write(value, out);
            out.append(',');
          });
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      node.forEach(
          element -> {
            write(element, out);
            out.append(',');
          });
      out.append(']');
    } else {
      out.append(node.toString());
    }
  }
}
