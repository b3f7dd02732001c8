package com.scheduleapi.identity;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Enumerates every mapped endpoint and asks it without credentials, and with a wrong key: each
 * answers 401, except Actuator's (health is open, the rest needs the admin token: see
 * web/ManagementEndpointsTest) and the API docs (and /error, which is no endpoint).
 */
@ApiTest
class EveryEndpointNeedsAuthTest {

  private static final List<String> OPEN = List.of("/v3/api-docs", "/swagger-ui", "/actuator");
  private static final String TWILIO = "/v1/inbound/twilio";

  @Autowired ApiClient api;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void answersUnauthorizedOnEveryEndpointButTheOpenOnes() {
    List<String> checked = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
      for (String pattern : entry.getKey().getPatternValues()) {
        if (pattern.equals("/error") || OPEN.stream().anyMatch(pattern::startsWith)) {
          continue;
        }
        if (pattern.startsWith(TWILIO)) {
          // Twilio's webhooks carry Twilio's signature instead of our credentials.
          var unsigned =
              api.send(
                  "POST",
                  pattern,
                  "From=14155553434&To=14155550100&Body=STOP",
                  Map.of("Content-Type", "application/x-www-form-urlencoded"));
          assertProblem(unsigned, 403, "forbidden");
          checked.add("POST " + pattern);
          continue;
        }
        String path = pattern.replaceAll("\\{[^}]+}", "1");
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          String body =
              Set.of(RequestMethod.POST, RequestMethod.PUT).contains(method) ? "{}" : null;
          String endpoint = method + " " + pattern;
          var anonymous = api.send(method.name(), path, body, Map.of());
          assertThat(anonymous.status()).as(endpoint + " without credentials").isEqualTo(401);
          assertProblem(anonymous, 401, "missing_api_key");
          var wrong =
              api.send(method.name(), path, body, Map.of("Authorization", "Bearer sk_wrong_key"));
          assertThat(wrong.status()).as(endpoint + " with a wrong key").isEqualTo(401);
          assertProblem(wrong, 401, "invalid_api_key");
          checked.add(endpoint);
        }
      }
    }
    assertThat(checked)
        .contains(
            "POST /v1/schedule",
            "GET /v1/schedule/{id}",
            "PUT /v1/schedule/{id}",
            "DELETE /v1/schedule/{id}",
            "GET /v1/schedules",
            "GET /v1/schedule/{id}/deliveries",
            "POST /admin/v1/teams");
    System.out.printf("RELIABILITY endpoint-auth: endpoints=%d %s%n", checked.size(), checked);
  }

  @Test
  void leavesHealthAndApiDocsOpenAndPrometheusToTheAdmin() {
    for (String open : List.of("/actuator/health", "/v3/api-docs", "/swagger-ui.html")) {
      var response = api.send("GET", open, null, Map.of());
      assertThat(response.status()).as(open).isIn(200, 302);
    }
    // Prometheus is private since issue 14: the admin token, not a team's key (ManagementAccess).
    var prometheus =
        api.send(
            "GET",
            "/actuator/prometheus",
            null,
            Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN));
    assertThat(prometheus.status()).isEqualTo(200);
  }
}
