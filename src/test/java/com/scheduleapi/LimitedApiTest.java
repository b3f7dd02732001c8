package com.scheduleapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Like {@link ApiTest}, but with a rate limit of {@value #REQUESTS_PER_MINUTE} requests a minute
 * and no admin token: the one other application context of the suite, shared by its users.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "schedule.admin-token=",
      "schedule.bootstrap.api-key=" + ApiClient.BOOTSTRAP_KEY,
      "schedule.rate-limit.requests-per-minute=" + LimitedApiTest.REQUESTS_PER_MINUTE,
      "schedule.dispatch.enabled=false",
      "spring.quartz.auto-startup=false"
    })
@Import({TestClockConfiguration.class, ApiClient.class})
public @interface LimitedApiTest {

  int REQUESTS_PER_MINUTE = 5;
}
