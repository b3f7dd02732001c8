package com.scheduleapi.schedule;

import com.scheduleapi.web.Times;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** One recipient's delivery as the API shows it. */
@Schema(name = "Delivery", description = "One recipient's delivery of a scheduled message.")
record DeliveryView(
    String phoneNumber,
    @Schema(
            requiredMode = RequiredMode.REQUIRED,
            allowableValues = {
              "pending",
              "sent",
              "delivered",
              "undelivered",
              "failed",
              "skipped",
              "expired"
            })
        String status,
    @Schema(description = "How many times it was handed to the sender.") int attempts,
    @Schema(description = "Why the last attempt failed.") String error,
    String sentAt,
    @Schema(description = "The provider's id for the sent message.") String providerMessageId,
    @Schema(
            description =
                "The instant it is planned for, after the recipient's zone and the send window.")
        String dueAt,
    @Schema(description = "The recipient's zone that decided due_at (an IANA id).")
        String timezone) {

  static DeliveryView of(DeliveryLedger.Entry entry) {
    return new DeliveryView(
        entry.phoneNumber(),
        entry.status(),
        entry.attempts(),
        entry.error(),
        Times.utc(entry.sentAt()),
        entry.providerMessageId(),
        Times.utc(entry.dueAt()),
        entry.timezone());
  }
}
