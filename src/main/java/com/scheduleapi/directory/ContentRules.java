package com.scheduleapi.directory;

import com.scheduleapi.web.FieldChecks;
import java.net.URI;
import java.net.URISyntaxException;
import tools.jackson.databind.JsonNode;

/** The limits on message text and media, shared by templates and schedules. */
public final class ContentRules {

  public static final int MAX_TEXT = 1600;
  public static final int MAX_ATTACHMENTS = 10;
  public static final int MAX_GALLERY = 10;

  private ContentRules() {}

  /** Checks {@code text}: a string of at most 1,600 characters. Answers whether it holds text. */
  public static boolean checkText(JsonNode text, String field, FieldChecks checks) {
    if (text == null || text.isNull() || text.isMissingNode()) {
      return false;
    }
    if (!text.isString()) {
      checks.reject(field, "must be a string");
      return false;
    }
    String value = text.asString();
    int length = value.codePointCount(0, value.length());
    if (length > MAX_TEXT) {
      checks.reject(
          field, "is " + length + " characters long; at most " + MAX_TEXT + " are allowed");
    }
    return !value.isEmpty();
  }

  /**
   * Checks a list of media entries, each an object with an http(s) {@code url}. Answers whether it
   * holds at least one entry.
   */
  public static boolean checkMedia(JsonNode media, String field, int max, FieldChecks checks) {
    if (media == null || media.isNull() || media.isMissingNode()) {
      return false;
    }
    if (!media.isArray()) {
      checks.reject(field, "must be an array of objects with a url");
      return false;
    }
    if (media.size() > max) {
      checks.reject(field, "has " + media.size() + " entries; at most " + max + " are allowed");
    }
    for (int i = 0; i < media.size(); i++) {
      JsonNode entry = media.get(i);
      String at = field + "[" + i + "]";
      if (!entry.isObject()) {
        checks.reject(at, "must be an object with a url");
        continue;
      }
      if (!isWebUrl(entry.get("url"))) {
        checks.reject(at + ".url", "must be an http or https URL");
      }
      for (String name : new String[] {"type", "name"}) {
        JsonNode value = entry.get(name);
        if (value != null && !value.isNull() && !value.isString()) {
          checks.reject(at + "." + name, "must be a string");
        }
      }
    }
    return !media.isEmpty();
  }

  private static boolean isWebUrl(JsonNode url) {
    if (url == null || !url.isString() || url.asString().length() > 2048) {
      return false;
    }
    try {
      URI uri = new URI(url.asString());
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
