package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The published OpenAPI document covers every endpoint, is valid, and says enough for a generated
 * client; the UI answers.
 */
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
    assertThat(create.at("/responses/400/$ref").asString())
        .isEqualTo("#/components/responses/BadRequest");
    assertThat(docs.at("/components/responses/BadRequest/content").propertyNames())
        .containsExactly("application/problem+json");
    assertThat(create.path("parameters").toString()).doesNotContain("caller");
  }

  @Test
  void parsesWithoutErrorsOrWarnings() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed =
        new OpenAPIV3Parser().readContents(apiDocs().toString(), null, options);

    assertThat(parsed.getMessages()).as("swagger-parser messages").isEmpty();
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
  }

  @Test
  void describesEveryOperationForGeneratedClients() {
    JsonNode docs = apiDocs();
    Set<String> operationIds = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        JsonNode operation = method.getValue();
        String name = method.getKey().toUpperCase() + " " + path.getKey();
        assertThat(operation.path("summary").asString()).as("summary of %s", name).isNotBlank();
        assertThat(operation.path("operationId").asString())
            .as("operationId of %s", name)
            .matches("[a-z][A-Za-z0-9]*");
        assertThat(operationIds.add(operation.get("operationId").asString()))
            .as("operationId of %s is unique", name)
            .isTrue();
        assertThat(operation.path("tags")).as("tags of %s", name).isNotEmpty();
        JsonNode security =
            operation.has("security") ? operation.get("security") : docs.get("security");
        assertThat(security).as("security of %s", name).isNotEmpty();
        assertThat(operation.get("responses").propertyNames())
            .as("responses of %s", name)
            .contains("200", "401", "500", "503");
        for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
          if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
            String ref = response.getValue().path("$ref").asString();
            assertThat(
                    docs.at(ref.substring(1) + "/content/application~1problem+json/schema/$ref")
                        .asString())
                .as("%s answer of %s", response.getKey(), name)
                .isEqualTo("#/components/schemas/Problem");
          }
        }
        for (JsonNode parameter : operation.path("parameters")) {
          assertThat(parameter.has("schema"))
              .as("schema of %s in %s", parameter.get("name"), name)
              .isTrue();
        }
      }
    }
  }

  @Test
  void typesIdsInstantsStatusesAndPhones() {
    JsonNode schemas = apiDocs().at("/components/schemas");

    assertThat(schemas.at("/Scheduled/properties/id/format").asString()).isEqualTo("int64");
    assertThat(schemas.at("/ScheduleRequest/properties/inbox_id/format").asString())
        .isEqualTo("int64");
    JsonNode executeAt = schemas.at("/ScheduleRequest/properties/execute_at");
    assertThat(executeAt.path("format").asString()).isEqualTo("date-time");
    assertThat(executeAt.path("description").asString()).contains("15 minutes", ":45");
    assertThat(schemas.at("/Scheduled/properties/created/format").asString())
        .isEqualTo("date-time");
    assertThat(schemas.at("/Delivery/properties/sent_at/format").asString()).isEqualTo("date-time");
    assertThat(schemas.at("/ScheduledMeta/properties/status/enum").toString())
        .contains("\"scheduled\"", "\"partially_sent\"");
    assertThat(schemas.at("/Delivery/properties/status/enum").toString()).contains("\"skipped\"");
    assertThat(schemas.at("/InboxView/properties/phone/pattern").asString())
        .isEqualTo(ContentSchemas.PHONE_PATTERN);
    assertThat(schemas.at("/ScheduleRequest/properties/phone_number/pattern").asString())
        .isEqualTo(ContentSchemas.PHONE_PATTERN);
    assertThat(schemas.at("/Problem/properties/error_code/enum").toString())
        .contains("bad_data", "precondition_failed", "rate_limited", "unavailable");
  }

  @Test
  void listFiltersAreTyped() {
    JsonNode docs = apiDocs();
    Map<String, JsonNode> parameters = new HashMap<>();
    docs.at("/paths/~1v1~1schedules/get/parameters")
        .forEach(p -> parameters.put(p.get("name").asString(), p.get("schema")));

    assertThat(parameters)
        .containsOnlyKeys(
            "status",
            "inbox_id",
            "list_id",
            "local_id",
            "from",
            "to",
            "limit",
            "cursor",
            "batch_id");
    assertThat(parameters.get("status").get("enum"))
        .isEqualTo(docs.at("/components/schemas/ScheduledMeta/properties/status/enum"));
    assertThat(parameters.get("inbox_id").get("format").asString()).isEqualTo("int64");
    assertThat(parameters.get("from").get("format").asString()).isEqualTo("date-time");
    assertThat(parameters.get("limit").get("maximum").asInt()).isEqualTo(500);
  }

  @Test
  void showsTheSeedExamplesOnTheFourScheduleEndpoints() {
    JsonNode paths = apiDocs().get("paths");
    String json = "/content/application~1json/examples/seed/value";

    assertThat(paths.at("/~1v1~1schedule/post/requestBody" + json + "/execute_at").asString())
        .isEqualTo("2024-07-24T11:30:00-07:00");
    assertThat(paths.at("/~1v1~1schedule/post/responses/200" + json + "/id").asInt()).isEqualTo(88);
    assertThat(
            paths.at("/~1v1~1schedule~1{id}/get/responses/200" + json + "/meta/status").asString())
        .isEqualTo("scheduled");
    assertThat(paths.at("/~1v1~1schedule~1{id}/put/requestBody" + json + "/execute_at").asString())
        .isEqualTo("2024-07-24T12:00:00-07:00");
    assertThat(paths.at("/~1v1~1schedule~1{id}/put/responses/200" + json + "/rev").asInt())
        .isEqualTo(2);
    assertThat(paths.at("/~1v1~1schedule~1{id}/delete/responses/200" + json).asString())
        .isEqualTo("ok");
  }

  @Test
  void namesItsLicenseAndARelativeServer() {
    JsonNode docs = apiDocs();

    assertThat(docs.at("/info/license/name").asString()).isEqualTo("Apache-2.0");
    assertThat(docs.at("/servers/0/url").asString()).isEqualTo("/");
    assertThat(docs.at("/info/version").asString()).isEqualTo(ApiDocsConfiguration.API_VERSION);
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
