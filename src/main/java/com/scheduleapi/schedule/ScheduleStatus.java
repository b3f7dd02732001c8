package com.scheduleapi.schedule;

import java.util.Arrays;
import java.util.Optional;

/** Where a schedule is in its life; the code is what the database stores. */
public enum ScheduleStatus {
  SCHEDULED(0),
  SENDING(1),
  SENT(2),
  PARTIALLY_SENT(3),
  FAILED(4);

  private final short code;

  ScheduleStatus(int code) {
    this.code = (short) code;
  }

  public short code() {
    return code;
  }

  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ScheduleStatus ofCode(int code) {
    return values()[code];
  }

  static Optional<ScheduleStatus> ofApiName(String name) {
    return Arrays.stream(values()).filter(s -> s.apiName().equals(name)).findFirst();
  }
}
