package com.scheduleapi.identity;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The operator issues a team a new JWT secret and may retire an old one at once. */
@ApiTest
class SecretRotationTest {

  private static final Map<String, String> ADMIN =
      Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN);

  @Autowired ApiClient api;

  private static String jwt(String secretId, String secretKey) {
    return Jwts.builder()
        .issuer(secretId)
        .issuedAt(new Date())
        .signWith(
            Keys.hmacShaKeyFor((secretId + "||" + secretKey).getBytes(StandardCharsets.UTF_8)),
            Jwts.SIG.HS256)
        .compact();
  }

  private int statusWith(String token) {
    return api.send("GET", "/v1/team", null, Map.of("Authorization", "Bearer " + token)).status();
  }

  @Test
  void issuesANewSecretAndRetiresTheOld() {
    ApiClient.TeamAccess team = api.newTeam();
    var rotated =
        api.send(
            "POST",
            "/admin/v1/teams/" + team.id() + "/secrets",
            "{\"retire\": \"%s\"}".formatted(team.secretId()),
            ADMIN);
    assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
    JsonNode secret = rotated.body();
    assertThat(
            statusWith(
                jwt(secret.get("secret_id").asString(), secret.get("secret_key").asString())))
        .isEqualTo(200);
    assertThat(statusWith(jwt(team.secretId(), team.secretKey()))).isEqualTo(401);
  }

  @Test
  void answersNotFoundForAnUnknownTeam() {
    assertProblem(
        api.send("POST", "/admin/v1/teams/999999999/secrets", null, ADMIN), 404, "not_found");
  }

  @Test
  void retiresOnlyASecretOfTheNamedTeam() {
    ApiClient.TeamAccess team = api.newTeam();
    ApiClient.TeamAccess other = api.newTeam();
    var rotated =
        api.send(
            "POST",
            "/admin/v1/teams/" + team.id() + "/secrets",
            "{\"retire\": \"%s\"}".formatted(other.secretId()),
            ADMIN);
    assertBadData(rotated, "retire");
    assertThat(statusWith(jwt(other.secretId(), other.secretKey()))).isEqualTo(200);
  }
}
