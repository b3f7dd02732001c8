package com.scheduleapi.sms;

import java.time.Duration;

/** What became of one attempt. */
public sealed interface SendResult {

  /** The provider accepted the message. */
  record Sent(String providerMessageId) implements SendResult {}

  /** A passing failure (timeout, 408, 5xx): try again later, after retryAfter if given. */
  record Retry(String error, Duration retryAfter) implements SendResult {}

  /**
   * The provider asked to slow down (429): the message was not taken, so this is not counted as an
   * attempt; the sending inbox waits {@code retryAfter} (when given) before its next message.
   */
  record Throttled(String error, Duration retryAfter) implements SendResult {}

  /** The provider refused the message for good. */
  record Failed(String error) implements SendResult {}

  /**
   * The recipient told the provider to stop (Twilio's 21610: it texted STOP to this sender): the
   * delivery is skipped and the contact opted out of the team's messages.
   */
  record OptedOut(String error) implements SendResult {}
}
