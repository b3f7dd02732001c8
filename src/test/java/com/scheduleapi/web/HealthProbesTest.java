package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The probes an orchestrator calls answer without credentials; readiness includes the database and
 * the scheduler.
 */
@ApiTest
class HealthProbesTest {

  @Autowired ApiClient api;

  @Test
  void livenessIsUp() {
    ApiClient.Response liveness = api.send("GET", "/actuator/health/liveness", null, Map.of());

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.body().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void readinessIsUpAndChecksTheDatabase() {
    // Its components are details: the admin token shows them (anonymous callers get the status).
    ApiClient.Response readiness =
        api.send(
            "GET",
            "/actuator/health/readiness",
            null,
            Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN));

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body().get("status").asString()).isEqualTo("UP");
    assertThat(readiness.body().at("/components/db/status").asString()).isEqualTo("UP");
    assertThat(readiness.body().at("/components/scheduler/status").asString()).isEqualTo("UP");
  }
}
