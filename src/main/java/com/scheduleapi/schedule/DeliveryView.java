package com.scheduleapi.schedule;

import com.scheduleapi.web.Times;

/** One recipient's delivery as the API shows it. */
record DeliveryView(
    String phoneNumber,
    String status,
    int attempts,
    String error,
    String sentAt,
    String providerMessageId) {

  static DeliveryView of(DeliveryLedger.Entry entry) {
    return new DeliveryView(
        entry.phoneNumber(),
        entry.status(),
        entry.attempts(),
        entry.error(),
        Times.utc(entry.sentAt()),
        entry.providerMessageId());
  }
}
