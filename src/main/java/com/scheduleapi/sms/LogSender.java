package com.scheduleapi.sms;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default sender: writes each message to the log and calls it sent. */
class LogSender implements SmsSender {

  private static final Logger log = LoggerFactory.getLogger(LogSender.class);

  @Override
  public CompletionStage<SendResult> send(OutgoingMessage message) {
    log.info(
        "SMS from {} to {} (schedule {}, delivery {}, key {}): {}",
        message.from(),
        message.to(),
        message.scheduleId(),
        message.deliveryId(),
        message.idempotencyKey(),
        message.text());
    return CompletableFuture.completedFuture(new SendResult.Sent("log-" + UUID.randomUUID()));
  }
}
