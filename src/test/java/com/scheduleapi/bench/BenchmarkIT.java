package com.scheduleapi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The full benchmark, run by {@code ./mvnw -Pbench verify -Dbench.n=100000} (failsafe, profile
 * {@code bench}); writes BENCHMARKS.md at the repository root.
 */
class BenchmarkIT {

  @Test
  void runsEveryScenario() {
    assumeFalse(Boolean.getBoolean("bench.soak-only"), "-Dbench.soak-only=true: only SoakIT runs");
    int n = Integer.getInteger("bench.n", 100_000);
    String command = System.getProperty("bench.command", "./mvnw -Pbench verify -Dbench.n=" + n);
    BenchRun.Settings settings =
        new BenchRun.Settings(
            n,
            Integer.getInteger("bench.peer-n", n),
            Integer.getInteger("bench.create-clients", 32),
            Duration.ofSeconds(Long.getLong("bench.create-warmup-seconds", 15)),
            Duration.ofSeconds(Long.getLong("bench.create-seconds", 30)),
            System.getProperty("bench.service-jvm", ServiceProcess.CONTAINER_JVM),
            Path.of(System.getProperty("bench.report", "BENCHMARKS.md")),
            command);
    assertThat(new BenchRun(settings).run()).allMatch(r -> r.errors() == null || r.errors() == 0);
  }
}
