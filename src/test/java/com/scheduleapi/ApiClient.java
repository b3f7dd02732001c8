package com.scheduleapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Speaks HTTP to the running test server, as a client of the API would. */
@TestComponent
public class ApiClient {

  public static final String ADMIN_TOKEN = "test-admin-token";
  public static final String BOOTSTRAP_KEY = "sk_test_bootstrap_key_0123456789";
  private static final AtomicInteger TEAMS = new AtomicInteger();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final Environment environment;

  public ApiClient(Environment environment) {
    this.environment = environment;
  }

  public int port() {
    return environment.getRequiredProperty("local.server.port", Integer.class);
  }

  /** A new team, with its credentials and one inbox. */
  public TeamAccess newTeam() {
    JsonNode team =
        send(
                "POST",
                "/admin/v1/teams",
                "{\"name\":\"team-" + TEAMS.incrementAndGet() + "\"}",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN))
            .body();
    TeamAccess access =
        new TeamAccess(
            team.get("id").asLong(),
            team.get("owner_id").asLong(),
            team.get("api_key").asString(),
            team.get("secret_id").asString(),
            team.get("secret_key").asString(),
            0);
    long inbox =
        access
            .post(this, "/v1/inboxes", "{\"name\":\"Main\",\"phone\":\"14155550100\"}")
            .body()
            .get("id")
            .asLong();
    return access.withInbox(inbox);
  }

  public Response send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed =
          response.body() == null || response.body().isBlank() ? null : tryParse(response.body());
      return new Response(response.statusCode(), response.headers().map(), parsed, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode tryParse(String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public JsonMapper json() {
    return json;
  }

  /** A team's credentials and its first inbox. */
  public record TeamAccess(
      long id, long ownerId, String apiKey, String secretId, String secretKey, long inboxId) {

    TeamAccess withInbox(long inbox) {
      return new TeamAccess(id, ownerId, apiKey, secretId, secretKey, inbox);
    }

    public Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + apiKey);
    }

    public Response get(ApiClient api, String path) {
      return api.send("GET", path, null, auth());
    }

    public Response post(ApiClient api, String path, String body) {
      return api.send("POST", path, body, auth());
    }

    public Response put(ApiClient api, String path, String body) {
      return api.send("PUT", path, body, auth());
    }

    public Response delete(ApiClient api, String path) {
      return api.send("DELETE", path, null, auth());
    }
  }

  /** An answer: status, headers and the body as JSON (null when it is not JSON). */
  public record Response(
      int status, Map<String, java.util.List<String>> headers, JsonNode body, String raw) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }
}
