package com.scheduleapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test of sending: the dispatcher runs with the webhook sender pointed at the shared {@link
 * WebhookSink}, short rules (one-second lead and granularity) and fast retries. The context is
 * closed after the class, so that no dispatcher keeps running under other tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "schedule.admin-token=" + ApiClient.ADMIN_TOKEN,
      "schedule.bootstrap.api-key=" + ApiClient.BOOTSTRAP_KEY,
      "schedule.rate-limit.requests-per-minute=0",
      "schedule.rules.min-lead=PT1S",
      "schedule.rules.granularity=PT1S",
      "schedule.sender.type=webhook",
      "schedule.dispatch.retry-initial=PT0.2S",
      "schedule.dispatch.retry-max=PT1S",
      "schedule.dispatch.max-attempts=4",
      "schedule.dispatch.lease=PT5S",
      // The shared sink answers on 64 threads; more calls open at once would only wait in its
      // backlog, and on a busy machine time out after the sink took them (a repeat).
      "schedule.dispatch.max-in-flight=64"
    })
@ContextConfiguration(initializers = DispatchTest.SinkInitializer.class)
@Import(ApiClient.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface DispatchTest {

  /** Points the webhook sender at the shared sink. */
  class SinkInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "webhookSink",
                  Map.of("schedule.sender.webhook.url", WebhookSink.shared().url())));
    }
  }
}
