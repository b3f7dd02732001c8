package com.scheduleapi.directory;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers as we keep them: E.164 digits without the '+', 8 to 15 digits, no leading 0. That
 * rule is the contract's and stays as it is (libphonenumber's validity is stricter: it would refuse
 * numbers not yet assigned); libphonenumber reads a kept number's country and region.
 */
public final class Phones {

  public static final String RULE =
      "must be an E.164 number without spaces: 8 to 15 digits, not starting with 0, '+' optional"
          + " (e.g. 14155553434)";
  private static final Pattern E164 = Pattern.compile("[1-9][0-9]{7,14}");
  private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

  private Phones() {}

  /** The number as stored, or empty if it is not a valid number. */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String digits = raw.startsWith("+") ? raw.substring(1) : raw;
    return E164.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }

  /** A kept number as libphonenumber reads it (country code and national number). */
  static Optional<PhoneNumber> parse(String stored) {
    try {
      return Optional.of(NUMBERS.parse("+" + stored, "ZZ"));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
