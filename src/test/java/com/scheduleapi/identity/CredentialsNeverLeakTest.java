package com.scheduleapi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Whatever credential a request presents, good or bad, and whatever the admin API hands out, no
 * key, secret or token appears in the logs or in an error body.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class CredentialsNeverLeakTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;

  @Test
  void keepsKeysSecretsAndTokensOutOfLogsAndErrorBodies(CapturedOutput output) {
    ApiClient.TeamAccess team = api.newTeam();
    Instant now = clock.instant();
    String wrongSecretKey = "wrong-secret-key-0123456789abcdef0123456789";
    String unknownKey = "sk_unknown_key_0123456789abcdefghij";
    String good = jwt(team.secretId(), team.secretKey(), now);
    String wrongSecret = jwt(team.secretId(), wrongSecretKey, now);
    String expired = jwt(team.secretId(), team.secretKey(), now.minus(Duration.ofMinutes(6)));
    String future = jwt(team.secretId(), team.secretKey(), now.plus(Duration.ofMinutes(2)));
    String unsigned =
        base64Url("{\"alg\":\"none\"}")
            + "."
            + base64Url("{\"iss\":\"" + team.secretId() + "\"}")
            + ".";
    String basic =
        Base64.getEncoder().encodeToString((unknownKey + ":").getBytes(StandardCharsets.UTF_8));

    List<String> secrets =
        List.of(
            team.apiKey(),
            team.secretKey(),
            wrongSecretKey,
            unknownKey,
            good,
            wrongSecret,
            expired,
            future,
            unsigned,
            basic,
            ApiClient.ADMIN_TOKEN);
    List<ApiClient.Response> answers = new ArrayList<>();
    answers.add(api.send("GET", "/v1/team", null, Map.of("Authorization", "Bearer " + good)));
    answers.add(team.get(api, "/v1/team"));
    for (String bad : List.of(wrongSecret, expired, future, unsigned, unknownKey)) {
      answers.add(api.send("GET", "/v1/team", null, Map.of("Authorization", "Bearer " + bad)));
    }
    answers.add(api.send("GET", "/v1/team", null, Map.of("Authorization", "Basic " + basic)));
    answers.add(
        api.send(
            "POST",
            "/admin/v1/teams",
            "{\"name\":\"x\"}",
            Map.of("Authorization", "Bearer " + unknownKey)));
    answers.add(
        api.send(
            "POST",
            "/admin/v1/teams/" + team.id() + "/secrets",
            "{\"retire\":\"" + team.secretId() + "\"}",
            Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN)));
    // The retired secret, signed correctly, is refused too.
    answers.add(
        api.send(
            "GET",
            "/v1/team",
            null,
            Map.of("Authorization", "Bearer " + jwt(team.secretId(), team.secretKey(), now))));

    assertThat(answers.stream().map(ApiClient.Response::status))
        .containsExactly(200, 200, 401, 401, 401, 401, 401, 401, 401, 200, 401);
    for (ApiClient.Response answer : answers) {
      if (answer.status() >= 400) {
        assertThat(secrets).allSatisfy(s -> assertThat(answer.raw()).doesNotContain(s));
      }
    }
    String logged = output.getAll();
    assertThat(secrets).allSatisfy(s -> assertThat(logged).doesNotContain(s));
    assertThat(logged).doesNotContain(answers.get(9).body().get("secret_key").asString());
  }

  private static String jwt(String secretId, String secretKey, Instant issuedAt) {
    return Jwts.builder()
        .issuer(secretId)
        .issuedAt(Date.from(issuedAt))
        .signWith(
            Keys.hmacShaKeyFor((secretId + "||" + secretKey).getBytes(StandardCharsets.UTF_8)),
            Jwts.SIG.HS256)
        .compact();
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
