package com.scheduleapi.sms;

import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the sender named by {@code schedule.sender.type}. A {@code @Primary} sender bean (tests,
 * benchmarks) takes its place. The webhook and Twilio senders hold an HTTP client, which Spring
 * closes with the context (they are {@link AutoCloseable}), after dispatch has stopped.
 */
@Configuration(proxyBeanMethods = false)
class SenderConfiguration {

  /** Where Twilio posts status callbacks: under schedule.public-url, when that is set. */
  static final String STATUS_CALLBACK_PATH = "/v1/inbound/twilio/status";

  /**
   * {@code maxInFlight}: the dispatcher's calls open at once, each on a connection of its own, so
   * the senders' pools are as large. Read by its key: sms depends on no other module.
   */
  @Bean
  SmsSender smsSender(
      SenderProperties properties,
      JsonMapper json,
      Clock clock,
      @Value("${schedule.public-url:}") String publicUrl,
      @Value("${schedule.dispatch.max-in-flight:2000}") int maxInFlight) {
    return switch (properties.type()) {
      case "log" -> new LogSender();
      case "webhook" -> new WebhookSender(properties.webhook(), maxInFlight, json, clock);
      case "twilio" ->
          new TwilioSender(
              properties.twilio(), statusCallback(publicUrl), maxInFlight, json, clock);
      default ->
          throw new IllegalStateException(
              "schedule.sender.type must be log, webhook or twilio, not " + properties.type());
    };
  }

  private static URI statusCallback(String publicUrl) {
    return publicUrl == null || publicUrl.isBlank()
        ? null
        : URI.create(publicUrl.replaceAll("/+$", "") + STATUS_CALLBACK_PATH);
  }
}
