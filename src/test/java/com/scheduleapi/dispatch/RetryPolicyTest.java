package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.directory.DirectoryLookups;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final DispatchProperties properties =
      new DispatchProperties(
          true,
          "n",
          2,
          6,
          Duration.ofSeconds(5),
          1000,
          64,
          1000,
          Duration.ofMillis(50),
          Duration.ofMillis(200),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          100_000,
          Duration.ofSeconds(20),
          Duration.ofSeconds(20),
          Duration.ofSeconds(2),
          Duration.ofMinutes(10),
          8);
  private final RetryPolicy policy = new RetryPolicy(properties, new SplittableRandom(7));

  @Test
  void doublesFromTheInitialWaitWithinTwentyPercent() {
    for (int attempts = 1; attempts <= 6; attempts++) {
      long expected = 2_000L << (attempts - 1);
      assertThat(policy.delay(attempts, null).toMillis())
          .isBetween((long) (expected * 0.8), (long) (expected * 1.2));
    }
  }

  @Test
  void neverWaitsLongerThanTheMaximum() {
    assertThat(policy.delay(30, null)).isLessThanOrEqualTo(Duration.ofMinutes(12));
    assertThat(policy.delay(30, null)).isGreaterThanOrEqualTo(Duration.ofMinutes(8));
    assertThat(policy.delay(1, Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void takesTheProvidersRetryAfter() {
    assertThat(policy.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void stopsAtTheMaximumAttempts() {
    assertThat(policy.mayRetry(7)).isTrue();
    assertThat(policy.mayRetry(8)).isFalse();
  }

  @Test
  void fillsNamesIntoTemplates() {
    assertThat(
            Placeholders.fill(
                "Hi {{first_name}} {{ last_name }}, {{first_name}}!",
                new DirectoryLookups.Contact("Ana", null, false)))
        .isEqualTo("Hi Ana , Ana!");
  }
}
