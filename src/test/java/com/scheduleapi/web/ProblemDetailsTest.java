package com.scheduleapi.web;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every error is problem+json with a code the client can switch on, and writes nothing. */
@ApiTest
class ProblemDetailsTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private String validBody() {
    return """
        {"inbox_id": %d, "execute_at": "2026-01-10T18:00:00Z", "phone_number": "14155553434",
         "content": {"text": "hi"}}
        """
        .formatted(team.inboxId());
  }

  private Map<String, String> with(String... headers) {
    Map<String, String> all = new HashMap<>(team.auth());
    for (int i = 0; i < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    return all;
  }

  private long rows() {
    return jdbc.sql("select count(*) from schedule where team_id = ?")
        .param(team.id())
        .query(Long.class)
        .single();
  }

  private long created() {
    var response = team.post(api, "/v1/schedule", validBody());
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  @Test
  void rejectsMalformedJson() {
    assertBadData(team.post(api, "/v1/schedule", "{\"inbox_id\": "), "body");
    assertBadData(team.post(api, "/v1/schedule", "[]"), "body");
    assertBadData(team.post(api, "/v1/schedule", ""), "body");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsWrongTypesNamingTheField() {
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            validBody().replace("\"inbox_id\": " + team.inboxId(), "\"inbox_id\": \"abc\"")),
        "inbox_id");
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            validBody().replace("\"phone_number\"", "\"user_id\": [1], \"phone_number\"")),
        "user_id");
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            validBody().replace("\"phone_number\"", "\"list_id\": {\"id\": 1}, \"phone_number\"")),
        "list_id");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsAFractionalIdRatherThanTruncatingIt() {
    String fractional =
        validBody()
            .replace("\"inbox_id\": " + team.inboxId(), "\"inbox_id\": " + team.inboxId() + ".5");
    assertBadData(team.post(api, "/v1/schedule", fractional), "inbox_id");
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            validBody()
                .replace(
                    "\"phone_number\"", "\"user_id\": " + team.ownerId() + ".9, \"phone_number\"")),
        "user_id");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsTheNulCharacterRatherThanFailing() {
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            validBody().replace("{\"inbox_id\"", "{\"local_id\": \"a\\u0000b\", \"inbox_id\"")),
        "body");
    assertThat(rows()).isZero();
    assertBadData(team.put(api, "/v1/contacts/14155550000", "{\"first\": \"a\\u0000\"}"), "body");
  }

  @Test
  void answersNotFoundForTheErrorPathItself() {
    assertProblem(api.send("GET", "/error", null, Map.of()), 404, "not_found");
  }

  @Test
  void answersNotFoundForUnknownIds() {
    assertProblem(team.get(api, "/v1/schedule/999999999"), 404, "not_found");
    assertProblem(team.put(api, "/v1/schedule/999999999", validBody()), 404, "not_found");
    assertProblem(team.delete(api, "/v1/schedule/999999999"), 404, "not_found");
    assertProblem(team.get(api, "/v1/schedule/999999999/deliveries"), 404, "not_found");
    assertThat(rows()).isZero();
  }

  @Test
  void answersNotFoundForNonNumericIds() {
    assertProblem(team.get(api, "/v1/schedule/abc"), 404, "not_found");
    assertProblem(team.get(api, "/v1/schedule/99999999999999999999"), 404, "not_found");
    assertProblem(team.put(api, "/v1/schedule/abc", validBody()), 404, "not_found");
    assertProblem(team.delete(api, "/v1/schedule/1.5"), 404, "not_found");
    assertProblem(team.get(api, "/v2/lists/abc"), 404, "not_found");
    assertProblem(team.get(api, "/v1/nothing-here"), 404, "not_found");
    assertThat(rows()).isZero();
  }

  @Test
  void answersMethodNotAllowedWithAllow() {
    long id = created();
    var response = api.send("PATCH", "/v1/schedule/" + id, validBody(), team.auth());
    assertProblem(response, 405, "method_not_allowed");
    assertThat(response.header("Allow")).contains("GET").contains("PUT").contains("DELETE");
    assertProblem(
        api.send("POST", "/v1/schedule/" + id, validBody(), team.auth()),
        405,
        "method_not_allowed");
    assertProblem(api.send("DELETE", "/v1/schedule", null, team.auth()), 405, "method_not_allowed");
  }

  @Test
  void answersNotAcceptableForHtml() {
    long id = created();
    assertProblem(
        api.send("GET", "/v1/schedule/" + id, null, with("Accept", "text/html")),
        406,
        "not_acceptable");
    assertProblem(
        api.send("DELETE", "/v1/schedule/" + id, null, with("Accept", "text/html")),
        406,
        "not_acceptable");
    assertThat(team.get(api, "/v1/schedule/" + id).status()).isEqualTo(200);
  }

  @Test
  void rejectsACreateThatCannotBeAnsweredBeforeWriting() {
    assertProblem(
        api.send("POST", "/v1/schedule", validBody(), with("Accept", "text/html")),
        406,
        "not_acceptable");
    assertThat(rows()).isZero();
  }

  @Test
  void servesClientsThatAcceptJsonAmongOthers() {
    var response =
        api.send(
            "POST",
            "/v1/schedule",
            validBody(),
            with("Accept", "text/html;q=0.9, application/json;q=0.8"));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    assertThat(api.send("GET", "/v1/inboxes", null, with("Accept", "*/*")).status()).isEqualTo(200);
    assertThat(api.send("GET", "/v1/inboxes", null, with("Accept", "application/*")).status())
        .isEqualTo(200);
  }

  @Test
  void rejectsABodyOverOneMebibyte() {
    String padding = "x".repeat(1024 * 1024);
    String body =
        validBody().replace("\"content\"", "\"padding\": \"" + padding + "\", \"content\"");
    assertProblem(team.post(api, "/v1/schedule", body), 413, "too_large");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsAChunkedBodyOverOneMebibyte() throws Exception {
    String padding = "x".repeat(1024 * 1024);
    byte[] body =
        validBody()
            .replace("\"content\"", "\"padding\": \"" + padding + "\", \"content\"")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + api.port() + "/v1/schedule"))
                    .header("Authorization", "Bearer " + team.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(api.json().readTree(response.body()).get("error_code").asString())
        .isEqualTo("too_large");
    assertThat(rows()).isZero();
  }

  @Test
  void acceptsABodyJustUnderOneMebibyte() {
    String body = validBody().replace("\"content\"", "\"padding\": \"\", \"content\"");
    String padded =
        body.replace(
            "\"padding\": \"\"",
            "\"padding\": \""
                + "x".repeat(1024 * 1024 - body.getBytes(StandardCharsets.UTF_8).length)
                + "\"");
    assertThat(padded.getBytes(StandardCharsets.UTF_8).length).isEqualTo(1024 * 1024);
    var response = team.post(api, "/v1/schedule", padded);
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
  }

  @Test
  void rejectsAPlainTextBody() {
    assertProblem(
        api.send("POST", "/v1/schedule", validBody(), with("Content-Type", "text/plain")),
        415,
        "unsupported_media_type");
    assertThat(rows()).isZero();
  }

  @Test
  void echoesASaneRequestId() {
    var ok = api.send("GET", "/v1/inboxes", null, with("X-Request-Id", "client-id.42:abc_DEF"));
    assertThat(ok.header("X-Request-Id")).isEqualTo("client-id.42:abc_DEF");
    var problem =
        api.send("GET", "/v1/schedule/999999999", null, with("X-Request-Id", "trace-123"));
    assertThat(assertProblem(problem, 404, "not_found").get("request_id").asString())
        .isEqualTo("trace-123");
  }

  @Test
  void replacesAnInsaneRequestId() {
    for (String insane :
        new String[] {"has spaces in it", "x".repeat(129), "<script>", "a\u00e9"}) {
      var response = api.send("GET", "/v1/inboxes", null, with("X-Request-Id", insane));
      assertThat(response.header("X-Request-Id")).isNotBlank().isNotEqualTo(insane);
    }
  }

  @Test
  void givesEveryResponseARequestId() {
    assertThat(team.get(api, "/v1/inboxes").header("X-Request-Id")).isNotBlank();
    assertThat(api.send("GET", "/v1/inboxes", null, Map.of()).header("X-Request-Id")).isNotBlank();
    assertThat(api.send("GET", "/actuator/health", null, Map.of()).header("X-Request-Id"))
        .isNotBlank();
    String first = team.get(api, "/v1/inboxes").header("X-Request-Id");
    assertThat(team.get(api, "/v1/inboxes").header("X-Request-Id")).isNotEqualTo(first);
  }
}
