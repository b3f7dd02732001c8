package com.scheduleapi.identity;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.LimitedApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With no admin token configured, the admin endpoints do not exist. */
@LimitedApiTest
class AdminWithoutTokenTest {

  @Autowired ApiClient api;

  @Test
  void answersNotFoundForAdminPaths() {
    assertProblem(
        api.send("POST", "/admin/v1/teams", "{\"name\": \"x\"}", Map.of()), 404, "not_found");
    assertProblem(
        api.send(
            "POST", "/admin/v1/teams", "{\"name\": \"x\"}", Map.of("Authorization", "Bearer ")),
        404,
        "not_found");
    assertProblem(
        api.send(
            "POST",
            "/admin/v1/teams",
            "{\"name\": \"x\"}",
            Map.of("Authorization", "Bearer " + ApiClient.BOOTSTRAP_KEY)),
        404,
        "not_found");
    assertProblem(api.send("GET", "/admin", null, Map.of()), 404, "not_found");
  }

  @Test
  void stillServesTheBootstrapKey() {
    var response =
        api.send(
            "GET", "/v1/team", null, Map.of("Authorization", "Bearer " + ApiClient.BOOTSTRAP_KEY));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("name").asString()).isEqualTo("default");
  }
}
