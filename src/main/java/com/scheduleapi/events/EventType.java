package com.scheduleapi.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an event reports. Each type has the code the database stores, fixed here. Outcome types
 * follow from a status's API name ({@link #ofSchedule}, {@link #ofDelivery}), so a new status
 * (expired, delivered) yields its event without a change here.
 */
public enum EventType {
  SCHEDULE_CREATED(0, "schedule.created"),
  SCHEDULE_UPDATED(1, "schedule.updated"),
  SCHEDULE_CANCELED(2, "schedule.canceled"),
  SCHEDULE_PAUSED(3, "schedule.paused"),
  SCHEDULE_RESUMED(4, "schedule.resumed"),
  SCHEDULE_SENT(5, "schedule.sent"),
  SCHEDULE_FAILED(6, "schedule.failed"),
  SCHEDULE_EXPIRED(7, "schedule.expired"),
  DELIVERY_SENT(8, "delivery.sent"),
  DELIVERY_DELIVERED(9, "delivery.delivered"),
  DELIVERY_UNDELIVERED(10, "delivery.undelivered"),
  DELIVERY_FAILED(11, "delivery.failed"),
  DELIVERY_SKIPPED(12, "delivery.skipped"),
  DELIVERY_EXPIRED(13, "delivery.expired");

  private final short code;
  private final String apiName;

  EventType(int code, String apiName) {
    this.code = (short) code;
    this.apiName = apiName;
  }

  public short code() {
    return code;
  }

  public String apiName() {
    return apiName;
  }

  public static EventType ofCode(int code) {
    return Arrays.stream(values())
        .filter(t -> t.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no event type has code " + code));
  }

  public static Optional<EventType> ofApiName(String name) {
    return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
  }

  /**
   * The event of a schedule reaching a final status, by the status's API name: partially_sent is
   * schedule.sent (every delivery settled, at least one sent); a status without an event (sending)
   * has none.
   */
  public static Optional<EventType> ofSchedule(String status) {
    return ofApiName("schedule." + ("partially_sent".equals(status) ? "sent" : status));
  }

  /** The event of a delivery reaching a status, by the status's API name; pending has none. */
  public static Optional<EventType> ofDelivery(String status) {
    return ofApiName("delivery." + status);
  }
}
