package com.scheduleapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks that an answer is a complete problem+json error, as the contract defines it. */
public final class Problems {

  private Problems() {}

  /** Asserts status, media type, every member and the error code; answers the body. */
  public static JsonNode assertProblem(ApiClient.Response response, int status, String errorCode) {
    assertThat(response.status()).as("status of %s", response.raw()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode body = response.body();
    assertThat(body).as("problem body %s", response.raw()).isNotNull();
    assertThat(body.get("type").asString()).isNotBlank();
    assertThat(body.get("title").asString()).isNotBlank();
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("detail").asString()).isNotBlank();
    assertThat(body.get("error_code").asString()).isEqualTo(errorCode);
    assertThat(body.get("errors").isArray()).isTrue();
    assertThat(body.get("request_id").asString())
        .isNotBlank()
        .isEqualTo(response.header("X-Request-Id"));
    return body;
  }

  /** A 400 bad_data whose errors name these fields and no others. */
  public static JsonNode assertBadData(ApiClient.Response response, String... fields) {
    JsonNode body = assertProblem(response, 400, "bad_data");
    assertThat(fields(response)).as("fields of %s", response.raw()).containsOnly(fields);
    return body;
  }

  public static List<String> fields(ApiClient.Response response) {
    List<String> fields = new ArrayList<>();
    response.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    return fields;
  }

  /** The message of the first error on the field. */
  public static String message(ApiClient.Response response, String field) {
    for (JsonNode error : response.body().get("errors")) {
      if (error.get("field").asString().equals(field)) {
        return error.get("message").asString();
      }
    }
    throw new AssertionError("no error on " + field + " in " + response.raw());
  }
}
