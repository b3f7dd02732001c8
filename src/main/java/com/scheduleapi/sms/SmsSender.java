package com.scheduleapi.sms;

import java.util.concurrent.CompletionStage;

/**
 * Hands one message to an SMS provider. Called once per delivery attempt; the answer comes later,
 * so a slow provider holds a connection, not a thread. Implementations complete with an outcome
 * instead of failing the stage or throwing.
 */
public interface SmsSender {

  CompletionStage<SendResult> send(OutgoingMessage message);

  /**
   * Whether a group message ({@code targets}) goes to the provider as one message to all its
   * phones. A sender that answers no (Twilio: its Messages API has no group MMS) gets one delivery
   * per phone instead, each with its own outcome, retries and receipt.
   */
  default boolean sendsGroups() {
    return true;
  }
}
