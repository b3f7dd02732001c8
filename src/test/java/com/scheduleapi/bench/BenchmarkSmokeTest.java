package com.scheduleapi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harness working: every scenario at a small size, peers smaller still. No
 * timing is asserted, only that each scenario finished with everything delivered and no errors.
 */
class BenchmarkSmokeTest {

  @Test
  void everyScenarioCompletesWithEverythingDeliveredAndNoErrors() {
    List<BenchResult> results;
    // Small scenarios are moved due in milliseconds; the 3 s lead of a real run is waiting here.
    System.setProperty("bench.min-lead", "PT1S");
    try {
      // The service starts with the client compiler only: faster to start, slower at full speed,
      // which a smoke run never reaches.
      results =
          new BenchRun(
                  new BenchRun.Settings(
                      500,
                      200,
                      8,
                      Duration.ZERO,
                      Duration.ofSeconds(1),
                      "-Xmx256m -XX:TieredStopAtLevel=1",
                      null,
                      "smoke"))
              .run();
    } finally {
      System.clearProperty("bench.min-lead");
    }

    assertThat(results)
        .extracting(r -> r.scenario() + " " + r.system())
        .containsExactly(
            "burst schedule-api",
            "broadcast schedule-api",
            "broadcast-windowed schedule-api",
            "fairness schedule-api",
            "fairness schedule-api",
            "webhook schedule-api",
            "webhook sink-alone",
            "twilio schedule-api",
            "pacing schedule-api",
            "create schedule-api",
            "create http-ceiling",
            "create jpa-per-request",
            "memory schedule-api",
            "events schedule-api",
            "receipts schedule-api",
            "batch-pause schedule-api",
            "batch-resume schedule-api",
            "batch-cancel schedule-api",
            "burst db-scheduler",
            "burst quartz-per-message");
    assertThat(results).allMatch(r -> r.errors() == null || r.errors() == 0);
    // Half of the list's four zones are inside the window.
    assertThat(results.get(2).n()).isEqualTo(250);
    assertThat(results.subList(9, 12)).allMatch(create -> create.n() > 0);
  }
}
