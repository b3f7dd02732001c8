package com.scheduleapi.web;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.LimitedApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With no admin token configured, only the health status and probes answer on the service port. */
@LimitedApiTest
class ManagementWithoutAdminTokenTest {

  @Autowired ApiClient api;

  @Test
  void healthAnswersItsStatusAndTheRestIsUnauthorized() {
    for (String path :
        List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      ApiClient.Response response = api.send("GET", path, null, Map.of());
      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.body().propertyNames()).as(response.raw()).containsOnly("status");
    }
    for (String path : List.of("/actuator/prometheus", "/actuator/info")) {
      assertProblem(api.send("GET", path, null, Map.of()), 401, "missing_admin_token");
      assertProblem(
          api.send("GET", path, null, Map.of("Authorization", "Bearer anything")),
          401,
          "invalid_admin_token");
    }
  }
}
