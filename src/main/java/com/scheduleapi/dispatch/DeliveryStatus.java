package com.scheduleapi.dispatch;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where one recipient's delivery is. Each status has the code the database stores, fixed here and
 * never derived from the order of the constants.
 */
public enum DeliveryStatus {
  PENDING(0),
  SENT(1),
  FAILED(2),
  SKIPPED(3),
  /** Not handed to the sender by its schedule's expire_at, or its local time had passed. */
  EXPIRED(4),
  /** Sent, and the provider's receipt says the handset got it (CONTRACT §13). */
  DELIVERED(5),
  /** Sent, and the provider's receipt says it did not reach the handset; its code is the error. */
  UNDELIVERED(6);

  /**
   * The statuses of a delivery the provider accepted, for counting what was sent: a receipt moves a
   * sent delivery on without making it any less sent.
   */
  static final String ACCEPTED = "({delivery.sent}, {delivery.delivered}, {delivery.undelivered})";

  private final short code;

  DeliveryStatus(int code) {
    this.code = (short) code;
  }

  public short code() {
    return code;
  }

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus ofCode(int code) {
    return Arrays.stream(values())
        .filter(s -> s.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no delivery status has code " + code));
  }

  /**
   * Puts stored codes into a statement's text: {@code {delivery.pending}} becomes PENDING's code.
   * Codes go into the text rather than into parameters because the queue's partial index on {@code
   * status = 0} only matches a constant.
   */
  static String sql(String template) {
    String sql = template;
    for (DeliveryStatus status : values()) {
      sql = sql.replace("{delivery." + status.apiName() + "}", Short.toString(status.code));
    }
    return sql;
  }
}
