package com.scheduleapi.schedule;

/** Reads the revision a client names in If-Match: {@code "3"}, {@code W/"3"}, {@code 3} or *. */
final class Revisions {

  private Revisions() {}

  static boolean matches(String ifMatch, int rev) {
    for (String tag : ifMatch.split(",")) {
      String value = tag.trim();
      if (value.equals("*")) {
        return true;
      }
      if (value.startsWith("W/")) {
        value = value.substring(2);
      }
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (value.equals(Integer.toString(rev))) {
        return true;
      }
    }
    return false;
  }

  static String etag(int rev) {
    return "\"" + rev + "\"";
  }
}
