package com.scheduleapi.identity;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bearer and Basic API keys, Heymarket's JWT, the admin token and the bootstrap key. */
@ApiTest
class AuthenticationTest {

  private static final Instant NOW = Instant.parse("2026-01-10T16:45:00Z");

  @Autowired ApiClient api;
  @Autowired MutableClock clock;

  ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    clock.set(NOW);
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private ApiClient.Response teamWith(String authorization) {
    return api.send("GET", "/v1/team", null, Map.of("Authorization", authorization));
  }

  private void assertActsFor(ApiClient.Response response, ApiClient.TeamAccess expected) {
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    assertThat(response.body().get("id").asLong()).isEqualTo(expected.id());
  }

  /** A token exactly as a Heymarket client signs one. */
  private String jwt(Instant issuedAt) {
    return Jwts.builder()
        .issuer(team.secretId())
        .issuedAt(Date.from(issuedAt))
        .signWith(
            Keys.hmacShaKeyFor(
                (team.secretId() + "||" + team.secretKey()).getBytes(StandardCharsets.UTF_8)),
            Jwts.SIG.HS256)
        .compact();
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsABearerKey() {
    assertActsFor(teamWith("Bearer " + team.apiKey()), team);
    assertActsFor(teamWith("bearer " + team.apiKey()), team);
  }

  @Test
  void acceptsBasicWithTheKeyAsUserAndAnEmptyPassword() {
    String basic =
        Base64.getEncoder().encodeToString((team.apiKey() + ":").getBytes(StandardCharsets.UTF_8));
    assertActsFor(teamWith("Basic " + basic), team);
  }

  @Test
  void rejectsBasicWithAnUnknownUser() {
    String basic =
        Base64.getEncoder().encodeToString("sk_nobody:".getBytes(StandardCharsets.UTF_8));
    assertProblem(teamWith("Basic " + basic), 401, "invalid_api_key");
    assertProblem(teamWith("Basic !!!"), 401, "invalid_api_key");
  }

  @Test
  void answersMissingApiKeyWithoutAHeader() {
    assertProblem(api.send("GET", "/v1/team", null, Map.of()), 401, "missing_api_key");
    assertProblem(api.send("POST", "/v1/schedule", "{}", Map.of()), 401, "missing_api_key");
  }

  @Test
  void rejectsAnUnknownKey() {
    assertProblem(teamWith("Bearer sk_not_a_key"), 401, "invalid_api_key");
    assertProblem(teamWith("Token " + team.apiKey()), 401, "invalid_api_key");
    assertProblem(teamWith(team.apiKey()), 401, "invalid_api_key");
  }

  @Test
  void acceptsAFreshJwt() {
    assertActsFor(teamWith("Bearer " + jwt(NOW)), team);
  }

  @Test
  void acceptsAJwtFourMinutesFiftyNineOld() {
    assertActsFor(teamWith("Bearer " + jwt(NOW.minus(Duration.ofSeconds(299)))), team);
  }

  @Test
  void rejectsAJwtFiveMinutesOldAsExpired() {
    assertProblem(
        teamWith("Bearer " + jwt(NOW.minus(Duration.ofMinutes(5)))), 401, "expired_token");
  }

  @Test
  void acceptsAJwtIssuedUpToOneMinuteAhead() {
    assertActsFor(teamWith("Bearer " + jwt(NOW.plus(Duration.ofMinutes(1)))), team);
  }

  @Test
  void rejectsAJwtIssuedMoreThanOneMinuteAhead() {
    assertProblem(
        teamWith("Bearer " + jwt(NOW.plus(Duration.ofSeconds(61)))), 401, "invalid_api_key");
  }

  @Test
  void rejectsAJwtWithAWrongSignature() {
    String token =
        Jwts.builder()
            .issuer(team.secretId())
            .issuedAt(Date.from(NOW))
            .signWith(
                Keys.hmacShaKeyFor(
                    (team.secretId() + "||" + team.secretKey() + "x")
                        .getBytes(StandardCharsets.UTF_8)),
                Jwts.SIG.HS256)
            .compact();
    assertProblem(teamWith("Bearer " + token), 401, "invalid_api_key");
    String valid = jwt(NOW);
    String tampered =
        valid.substring(0, valid.lastIndexOf('.') + 1)
            + base64Url("not the signature of this token");
    assertProblem(teamWith("Bearer " + tampered), 401, "invalid_api_key");
  }

  @Test
  void rejectsAJwtWithAChangedPayload() {
    String[] parts = jwt(NOW).split("\\.");
    String otherPayload =
        base64Url(
            "{\"iss\":\"%s\",\"iat\":%d}".formatted(team.secretId(), NOW.getEpochSecond() - 1));
    assertProblem(
        teamWith("Bearer " + parts[0] + "." + otherPayload + "." + parts[2]),
        401,
        "invalid_api_key");
  }

  @Test
  void rejectsAnUnsignedJwt() {
    String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload =
        base64Url("{\"iss\":\"%s\",\"iat\":%d}".formatted(team.secretId(), NOW.getEpochSecond()));
    assertProblem(teamWith("Bearer " + header + "." + payload + "."), 401, "invalid_api_key");
    String signature = jwt(NOW).split("\\.")[2];
    assertProblem(
        teamWith("Bearer " + header + "." + payload + "." + signature), 401, "invalid_api_key");
  }

  @Test
  void rejectsAnHs512Jwt() {
    String token =
        Jwts.builder()
            .issuer(team.secretId())
            .issuedAt(Date.from(NOW))
            .signWith(
                Keys.hmacShaKeyFor(
                    (team.secretId() + "||" + team.secretKey()).getBytes(StandardCharsets.UTF_8)),
                Jwts.SIG.HS512)
            .compact();
    assertProblem(teamWith("Bearer " + token), 401, "invalid_api_key");
  }

  @Test
  void rejectsAJwtWithoutIssuerOrIssuedAt() {
    var key =
        Keys.hmacShaKeyFor(
            (team.secretId() + "||" + team.secretKey()).getBytes(StandardCharsets.UTF_8));
    String noIssuer =
        Jwts.builder().issuedAt(Date.from(NOW)).signWith(key, Jwts.SIG.HS256).compact();
    assertProblem(teamWith("Bearer " + noIssuer), 401, "invalid_api_key");
    String noIssuedAt =
        Jwts.builder().issuer(team.secretId()).signWith(key, Jwts.SIG.HS256).compact();
    assertProblem(teamWith("Bearer " + noIssuedAt), 401, "invalid_api_key");
    String unknownIssuer =
        Jwts.builder()
            .issuer("sid_unknown")
            .issuedAt(Date.from(NOW))
            .signWith(key, Jwts.SIG.HS256)
            .compact();
    assertProblem(teamWith("Bearer " + unknownIssuer), 401, "invalid_api_key");
  }

  @Test
  void rejectsGarbageThatLooksLikeAJwt() {
    assertProblem(teamWith("Bearer a.b.c"), 401, "invalid_api_key");
    assertProblem(teamWith("Bearer ..."), 401, "invalid_api_key");
    assertProblem(
        teamWith("Bearer " + base64Url("[]") + "." + base64Url("1") + ".x"),
        401,
        "invalid_api_key");
  }

  @Test
  void keysTheJwtToItsOwnTeam() {
    ApiClient.TeamAccess other = api.newTeam();
    String token =
        Jwts.builder()
            .issuer(other.secretId())
            .issuedAt(Date.from(NOW))
            .signWith(
                Keys.hmacShaKeyFor(
                    (other.secretId() + "||" + other.secretKey()).getBytes(StandardCharsets.UTF_8)),
                Jwts.SIG.HS256)
            .compact();
    assertActsFor(teamWith("Bearer " + token), other);
    String forged =
        Jwts.builder()
            .issuer(other.secretId())
            .issuedAt(Date.from(NOW))
            .signWith(
                Keys.hmacShaKeyFor(
                    (other.secretId() + "||" + team.secretKey()).getBytes(StandardCharsets.UTF_8)),
                Jwts.SIG.HS256)
            .compact();
    assertProblem(teamWith("Bearer " + forged), 401, "invalid_api_key");
  }

  @Test
  void acceptsTheBootstrapKey() {
    var response = teamWith("Bearer " + ApiClient.BOOTSTRAP_KEY);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("name").asString()).isEqualTo("default");
  }

  @Test
  void createsATeamWithTheAdminToken() {
    var response =
        api.send(
            "POST",
            "/admin/v1/teams",
            "{\"name\": \"Acme\"}",
            Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    var body = response.body();
    assertThat(body.get("id").asLong()).isPositive();
    assertThat(body.get("name").asString()).isEqualTo("Acme");
    assertThat(body.get("owner_id").asLong()).isPositive();
    assertThat(body.get("api_key").asString()).isNotBlank();
    assertThat(body.get("secret_id").asString()).isNotBlank();
    assertThat(body.get("secret_key").asString()).isNotBlank();
    var team = teamWith("Bearer " + body.get("api_key").asString());
    assertThat(team.body().get("id").asLong()).isEqualTo(body.get("id").asLong());
    assertThat(team.body().at("/members/0/id").asLong()).isEqualTo(body.get("owner_id").asLong());
    assertThat(team.body().at("/members/0/owner").asBoolean()).isTrue();
  }

  @Test
  void refusesTeamCreationWithoutTheAdminToken() {
    assertProblem(
        api.send("POST", "/admin/v1/teams", "{\"name\": \"Acme\"}", Map.of()),
        401,
        "missing_api_key");
    assertProblem(
        api.send("POST", "/admin/v1/teams", "{\"name\": \"Acme\"}", team.auth()),
        401,
        "invalid_api_key");
    assertProblem(
        api.send(
            "POST",
            "/admin/v1/teams",
            "{\"name\": \"Acme\"}",
            Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN + "x")),
        401,
        "invalid_api_key");
  }

  @Test
  void doesNotLetTheAdminTokenActForATeam() {
    assertProblem(teamWith("Bearer " + ApiClient.ADMIN_TOKEN), 401, "invalid_api_key");
  }

  @Test
  void requiresATeamName() {
    var response =
        api.send(
            "POST",
            "/admin/v1/teams",
            "{}",
            Map.of("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN));
    com.scheduleapi.Problems.assertBadData(response, "name");
  }
}
