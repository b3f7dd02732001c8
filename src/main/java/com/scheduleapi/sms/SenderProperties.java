package com.scheduleapi.sms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which SMS sender hands messages over, and how it reaches its provider.
 *
 * @param type {@code log} (default), {@code webhook} or {@code twilio}
 * @param webhook where the webhook sender POSTs each message
 * @param twilio the Twilio account the twilio sender uses
 */
@ConfigurationProperties("schedule.sender")
public record SenderProperties(
    @DefaultValue("log") String type, @DefaultValue Webhook webhook, @DefaultValue Twilio twilio) {

  /**
   * @param url the endpoint that receives one POST per message
   * @param connectTimeout how long to wait for a connection
   * @param readTimeout how long to wait for the answer
   */
  public record Webhook(
      URI url,
      @DefaultValue("PT2S") Duration connectTimeout,
      @DefaultValue("PT10S") Duration readTimeout) {}

  /**
   * @param accountSid the account SID (AC...)
   * @param authToken the account's auth token
   * @param baseUrl Twilio's API root; tests point it at WireMock
   * @param readTimeout how long to wait for Twilio's answer
   * @param messagingServiceSid a Messaging Service (MG...) to send through instead of the inbox's
   *     number as From; unset, each message goes From the inbox's phone
   */
  public record Twilio(
      String accountSid,
      String authToken,
      @DefaultValue("https://api.twilio.com") URI baseUrl,
      @DefaultValue("PT10S") Duration readTimeout,
      String messagingServiceSid) {}
}
