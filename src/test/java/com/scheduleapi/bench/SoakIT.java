package com.scheduleapi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The soak, opt-in: {@code ./mvnw -Pbench verify -Dbench.soak-minutes=10} runs it after (or, with
 * {@code -Dbench.soak-only=true}, instead of) the benchmark's scenarios. Skipped unless {@code
 * bench.soak-minutes} is set. Asserts no errors and nothing sent twice; memory and latency are
 * reported, not asserted.
 */
class SoakIT {

  @Test
  void steadyMixedTrafficForMinutes() {
    String minutes = System.getProperty("bench.soak-minutes", "");
    assumeTrue(!minutes.isBlank(), "no -Dbench.soak-minutes: the soak is opt-in");
    Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(minutes) * 60_000));
    Duration warmUp =
        duration.dividedBy(2).compareTo(Duration.ofMinutes(1)) < 0
            ? duration.dividedBy(2)
            : Duration.ofMinutes(1);
    Soak.Result result =
        new Soak(
                new Soak.Settings(
                    duration,
                    warmUp,
                    Integer.getInteger("bench.soak-clients", 8),
                    Integer.getInteger("bench.soak-rate", 200),
                    System.getProperty("bench.service-jvm", ServiceProcess.CONTAINER_JVM)))
            .run();
    result.notes().forEach(note -> System.out.println("BENCH-NOTE " + note));
    System.out.println(result.line().line());

    assertThat(result.line().errors()).isZero();
    assertThat(result.duplicates()).isZero();
  }
}
