package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The published OpenAPI document covers every endpoint, and the UI answers. */
@ApiTest
class ApiDocsTest {

  @Autowired ApiClient api;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void documentsEveryEndpointOfOurControllers() {
    JsonNode paths = apiDocs().get("paths");
    List<String> endpoints = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      if (!entry.getValue().getBeanType().getPackageName().startsWith("com.scheduleapi")) {
        continue; // the API docs' and the UI's own endpoints
      }
      for (String path : entry.getKey().getPatternValues()) {
        if (path.equals("/error")) {
          continue;
        }
        entry
            .getKey()
            .getMethodsCondition()
            .getMethods()
            .forEach(method -> endpoints.add(method.name() + " " + path));
      }
    }

    assertThat(endpoints).contains("POST /v1/schedule", "GET /v1/schedule/{id}");
    List<String> missing =
        endpoints.stream()
            .filter(
                endpoint -> {
                  String[] parts = endpoint.split(" ", 2);
                  return paths.path(parts[1]).path(parts[0].toLowerCase()).isMissingNode();
                })
            .toList();
    assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
  }

  @Test
  void declaresTheCredentialsAndTheProblemShape() {
    JsonNode docs = apiDocs();

    assertThat(docs.at("/info/title").asString()).isEqualTo("Schedule API");
    assertThat(docs.at("/info/description").asString()).contains("queue messages");
    JsonNode schemes = docs.at("/components/securitySchemes");
    assertThat(schemes.at("/apiKey/scheme").asString()).isEqualTo("bearer");
    assertThat(schemes.at("/basic/scheme").asString()).isEqualTo("basic");
    assertThat(schemes.at("/jwt/bearerFormat").asString()).isEqualTo("JWT");
    assertThat(docs.get("security").toString()).contains("apiKey", "basic", "jwt");
    assertThat(docs.at("/components/schemas/Problem/properties").propertyNames())
        .contains("type", "title", "status", "detail", "error_code", "errors", "request_id");

    JsonNode create = docs.at("/paths/~1v1~1schedule/post");
    assertThat(create.at("/responses/400/content").propertyNames())
        .containsExactly("application/problem+json");
    assertThat(create.path("parameters").toString()).doesNotContain("caller");
  }

  @Test
  void servesTheSwaggerUi() {
    ApiClient.Response page = api.send("GET", "/swagger-ui.html", null, Map.of());
    if (page.status() / 100 == 3) {
      URI location = URI.create("http://localhost:" + api.port()).resolve(page.header("Location"));
      page = api.send("GET", location.getRawPath(), null, Map.of());
    }
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw()).contains("swagger-ui");
  }

  private JsonNode apiDocs() {
    ApiClient.Response docs = api.send("GET", "/v3/api-docs", null, Map.of());
    assertThat(docs.status()).isEqualTo(200);
    return docs.body();
  }
}
