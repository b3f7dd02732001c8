package com.scheduleapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test of the HTTP API on a real server and the shared test database, with the dispatcher off and
 * a {@link MutableClock}. Every test class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "schedule.admin-token=" + ApiClient.ADMIN_TOKEN,
      "schedule.bootstrap.api-key=" + ApiClient.BOOTSTRAP_KEY,
      "schedule.rate-limit.requests-per-minute=0",
      "schedule.dispatch.enabled=false",
      "spring.quartz.auto-startup=false"
    })
@Import({TestClockConfiguration.class, ApiClient.class})
public @interface ApiTest {}
