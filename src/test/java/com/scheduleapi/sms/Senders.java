package com.scheduleapi.sms;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tests and benchmarks only: the real webhook and Twilio senders, built outside Spring, so that the
 * benchmark can switch one service between them and its no-op sender without a restart.
 */
public final class Senders {

  /** Connections per sender: the default max-in-flight, which the benchmark's service runs at. */
  private static final int MAX_CONNECTIONS = 2_000;

  private Senders() {}

  public static SmsSender webhook(URI url) {
    return new WebhookSender(
        new SenderProperties.Webhook(url, Duration.ofSeconds(2), Duration.ofSeconds(10)),
        MAX_CONNECTIONS,
        JsonMapper.builder().build(),
        Clock.systemUTC());
  }

  public static SmsSender twilio(URI baseUrl, String accountSid, String authToken) {
    return new TwilioSender(
        new SenderProperties.Twilio(accountSid, authToken, baseUrl, Duration.ofSeconds(10), null),
        null,
        MAX_CONNECTIONS,
        JsonMapper.builder().build(),
        Clock.systemUTC());
  }
}
