package com.scheduleapi.directory;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A recipient's time zone, chosen in the contract's order: the contact's, else the one zone the
 * phone number's region maps to (libphonenumber's mapper), else the inbox's, else UTC.
 */
public final class TimeZones {

  public static final String RULE =
      "must be an IANA time zone id such as America/Denver, Europe/Berlin or UTC";

  private static final Set<String> IANA = ZoneId.getAvailableZoneIds();

  /** The last resort, named as the API shows it. */
  public static final ZoneId UTC = ZoneId.of("UTC");

  private static final PhoneNumberToTimeZonesMapper ZONES =
      PhoneNumberToTimeZonesMapper.getInstance();

  private static final int NANP_LENGTH = 11;
  private static final int CACHE_LIMIT = 100_000;
  private static final Map<String, Optional<ZoneId>> nanp = new ConcurrentHashMap<>();

  private TimeZones() {}

  /** The zone an IANA id names; empty for anything else (offsets, abbreviations, typos). */
  public static Optional<ZoneId> parse(String id) {
    return id != null && IANA.contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
  }

  /** The zone of a stored, already checked id; null stays null. */
  public static ZoneId stored(String id) {
    return id == null ? null : ZoneId.of(id);
  }

  /**
   * The zone a number's region maps to, if it maps to exactly one: a number whose region spans
   * several zones, or none (an unknown or invalid number), has none.
   */
  public static Optional<ZoneId> ofPhone(String phone) {
    if (phone.length() == NANP_LENGTH && phone.charAt(0) == '1') {
      // In the North American plan the zone and the number's validity follow from its country
      // code, area code and exchange; the last four digits are any four (libphonenumber's US
      // patterns all end in \d{4}). A broadcast's phones share few exchanges: look each up once.
      if (nanp.size() > CACHE_LIMIT) {
        nanp.clear();
      }
      return nanp.computeIfAbsent(phone.substring(0, NANP_LENGTH - 4), p -> lookUp(phone));
    }
    return lookUp(phone);
  }

  private static Optional<ZoneId> lookUp(String phone) {
    Optional<PhoneNumber> number = Phones.parse(phone);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    List<String> zones = ZONES.getTimeZonesForNumber(number.get());
    if (zones.size() != 1
        || zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
      return Optional.empty();
    }
    return parse(zones.get(0));
  }

  /**
   * The recipient's zone: the contact's, the number's, the inbox's, then UTC. {@code phone} is null
   * for a group message, which goes by the inbox's zone.
   */
  public static ZoneId choose(ZoneId contact, String phone, ZoneId inbox) {
    if (contact != null) {
      return contact;
    }
    Optional<ZoneId> fromNumber = phone == null ? Optional.empty() : ofPhone(phone);
    if (fromNumber.isPresent()) {
      return fromNumber.get();
    }
    return inbox != null ? inbox : UTC;
  }
}
