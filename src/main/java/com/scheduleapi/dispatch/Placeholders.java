package com.scheduleapi.dispatch;

import com.scheduleapi.directory.DirectoryLookups.Contact;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{first_name}}} and {@code {{last_name}}} in a text, filled per recipient. */
final class Placeholders {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*(first_name|last_name)\\s*}}");

  private Placeholders() {}

  static boolean in(String text) {
    return text != null && PLACEHOLDER.matcher(text).find();
  }

  static String fill(String text, Contact names) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = matcher.group(1).equals("first_name") ? names.first() : names.last();
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
