package com.scheduleapi.web;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * On the service port, anonymous callers learn the health status and nothing else; details,
 * Prometheus and info need the admin token.
 */
@ApiTest
class ManagementEndpointsTest {

  private static final List<String> HEALTH =
      List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");
  private static final List<String> PRIVATE =
      List.of("/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/health/db");
  private static final Map<String, String> ADMIN =
      Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN);

  @Autowired ApiClient api;
  @Autowired ApplicationContext context;

  @Test
  void anonymousHealthAnswersItsStatusAlone() {
    for (String path : HEALTH) {
      for (Map<String, String> headers :
          List.of(
              Map.<String, String>of(),
              Map.of("Authorization", "Bearer " + ApiClient.BOOTSTRAP_KEY),
              Map.of("Authorization", "Bearer wrong-admin-token"))) {
        ApiClient.Response response = api.send("GET", path, null, headers);
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(fieldNames(response.body()))
            .as(path + " " + response.raw())
            .containsOnly("status");
        assertThat(response.body().get("status").asString()).isEqualTo("UP");
      }
    }
  }

  @Test
  void anonymousHealthAnswers503WhenDown() {
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    try {
      for (String path : List.of("/actuator/health", "/actuator/health/readiness")) {
        ApiClient.Response response = api.send("GET", path, null, Map.of());
        assertThat(response.status()).as(path).isEqualTo(503);
        assertThat(fieldNames(response.body())).as(response.raw()).containsOnly("status");
        assertThat(response.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
      }
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
  }

  @Test
  void theAdminTokenShowsHealthDetails() {
    ApiClient.Response health = api.send("GET", "/actuator/health", null, ADMIN);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().at("/components/db/status").asString()).isEqualTo("UP");
    assertThat(health.body().at("/components/diskSpace/details/free").isNumber()).isTrue();

    ApiClient.Response readiness = api.send("GET", "/actuator/health/readiness", null, ADMIN);
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body().at("/components/db/status").asString()).isEqualTo("UP");
    assertThat(readiness.body().at("/components/scheduler").isObject()).isTrue();

    ApiClient.Response liveness = api.send("GET", "/actuator/health/liveness", null, ADMIN);
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.body().at("/components/livenessState/status").asString()).isEqualTo("UP");
  }

  @Test
  void prometheusInfoAndTheRestNeedTheAdminToken() {
    for (String path : PRIVATE) {
      assertProblem(api.send("GET", path, null, Map.of()), 401, "missing_admin_token");
      assertProblem(
          api.send("GET", path, null, Map.of("Authorization", "Bearer wrong-admin-token")),
          401,
          "invalid_admin_token");
      assertProblem(
          api.send("GET", path, null, Map.of("Authorization", "Bearer " + ApiClient.BOOTSTRAP_KEY)),
          401,
          "invalid_admin_token");
    }
    ApiClient.Response prometheus = api.send("GET", "/actuator/prometheus", null, ADMIN);
    assertThat(prometheus.status()).isEqualTo(200);
    assertThat(prometheus.raw()).contains("jvm_memory_used_bytes");
    assertThat(api.send("GET", "/actuator/info", null, ADMIN).status()).isEqualTo(200);
    assertThat(api.send("GET", "/actuator/health/db", null, ADMIN).status()).isEqualTo(200);
  }

  @Test
  void anEncodedPathDoesNotSlipPast() {
    for (String path :
        List.of("/%61ctuator/prometheus", "/actuator/%70rometheus", "/actuator;x=1/prometheus")) {
      ApiClient.Response response = api.send("GET", path, null, Map.of());
      assertThat(response.status()).as(path + " " + response.raw()).isIn(400, 401, 404);
      assertThat(response.raw()).doesNotContain("jvm_memory");
    }
  }

  private static List<String> fieldNames(JsonNode body) {
    return body.propertyNames().stream().toList();
  }
}
