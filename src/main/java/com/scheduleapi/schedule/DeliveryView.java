package com.scheduleapi.schedule;

/** One recipient's delivery: {@code pending}, {@code sent}, {@code failed} or {@code skipped}. */
record DeliveryView(
    String phoneNumber,
    String status,
    int attempts,
    String error,
    String sentAt,
    String providerMessageId) {

  static final String[] STATUSES = {"pending", "sent", "failed", "skipped"};
}
