package com.scheduleapi.dispatch;

/**
 * A provider's receipt for a message it accepted (CONTRACT §13): delivered to the handset or not,
 * with the provider's error code when not.
 *
 * @param providerMessageId the provider's id for the message (Twilio's MessageSid)
 * @param delivered true: delivered; false: undelivered
 * @param error the provider's error code, or null
 */
public record Receipt(String providerMessageId, boolean delivered, String error) {

  DeliveryStatus status() {
    return delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.UNDELIVERED;
  }
}
