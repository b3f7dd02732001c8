package com.scheduleapi.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a schedule is in its life. Each status has the code the database stores, fixed here and
 * never derived from the order of the constants.
 */
public enum ScheduleStatus {
  SCHEDULED(0),
  SENDING(1),
  SENT(2),
  PARTIALLY_SENT(3),
  FAILED(4),
  // Issue 13: held by the client (pause); not sent until resumed.
  PAUSED(5),
  /** Nothing was sent before {@code expire_at} (or the local time had passed), and some expired. */
  EXPIRED(6);

  private final short code;

  ScheduleStatus(int code) {
    this.code = (short) code;
  }

  public short code() {
    return code;
  }

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ScheduleStatus ofCode(int code) {
    return Arrays.stream(values())
        .filter(s -> s.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no schedule status has code " + code));
  }

  /** The final status of a schedule whose deliveries are all settled. */
  public static ScheduleStatus settled(int sent, int failed) {
    return settled(sent, failed, 0);
  }

  /** The final status, where {@code expired} deliveries were never sent (CONTRACT §8). */
  public static ScheduleStatus settled(int sent, int failed, int expired) {
    if (sent == 0) {
      return expired > 0 ? EXPIRED : FAILED;
    }
    return failed > 0 || expired > 0 ? PARTIALLY_SENT : SENT;
  }

  /**
   * Puts stored codes into a statement's text: {@code {schedule.sending}} becomes SENDING's code.
   * Codes go into the text rather than into parameters because a partial index on a status only
   * matches a constant.
   */
  public static String sql(String template) {
    String sql = template;
    for (ScheduleStatus status : values()) {
      sql = sql.replace("{schedule." + status.apiName() + "}", Short.toString(status.code));
    }
    return sql;
  }

  static Optional<ScheduleStatus> ofApiName(String name) {
    return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
  }
}
