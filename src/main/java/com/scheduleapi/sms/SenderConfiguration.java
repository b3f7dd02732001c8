package com.scheduleapi.sms;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the sender named by {@code schedule.sender.type}. A {@code @Primary} sender bean (tests,
 * benchmarks) takes its place.
 */
@Configuration(proxyBeanMethods = false)
class SenderConfiguration {

  @Bean
  SmsSender smsSender(SenderProperties properties, JsonMapper json, Clock clock) {
    return switch (properties.type()) {
      case "log" -> new LogSender();
      case "webhook" -> new WebhookSender(properties.webhook(), json, clock);
      case "twilio" -> new TwilioSender(properties.twilio(), json, clock);
      default ->
          throw new IllegalStateException(
              "schedule.sender.type must be log, webhook or twilio, not " + properties.type());
    };
  }
}
