package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** One access line per request, naming the team, and never a credential. */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;

  @Test
  void logsEachRequestWithItsTeamButNoCredential(CapturedOutput output) throws Exception {
    ApiClient.TeamAccess team = api.newTeam();
    String jwt = jwt(team.secretId(), team.secretKey(), clock.instant().getEpochSecond());
    String viaKey = "access-key-" + UUID.randomUUID();
    String viaJwt = "access-jwt-" + UUID.randomUUID();
    String refused = "access-401-" + UUID.randomUUID();

    assertThat(
            api.send(
                    "GET",
                    "/v1/team",
                    null,
                    Map.of("Authorization", "Bearer " + team.apiKey(), "X-Request-Id", viaKey))
                .status())
        .isEqualTo(200);
    assertThat(
            api.send(
                    "GET",
                    "/v1/team",
                    null,
                    Map.of("Authorization", "Bearer " + jwt, "X-Request-Id", viaJwt))
                .status())
        .isEqualTo(200);
    assertThat(
            api.send(
                    "GET",
                    "/v1/team",
                    null,
                    Map.of("Authorization", "Bearer not-a-key", "X-Request-Id", refused))
                .status())
        .isEqualTo(401);

    // The line is written as the request leaves the server, which may be after the client has read
    // the answer.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(output.getOut())
                    .containsPattern(
                        "GET /v1/team 200 \\d+ ms request_id=" + viaKey + " team_id=" + team.id())
                    .containsPattern(
                        "GET /v1/team 200 \\d+ ms request_id=" + viaJwt + " team_id=" + team.id())
                    .containsPattern(
                        "GET /v1/team 401 \\d+ ms request_id=" + refused + " team_id=-")
                    .containsPattern("POST /admin/v1/teams 200 \\d+ ms"));
    assertThat(output.getAll())
        .doesNotContain(team.apiKey())
        .doesNotContain(jwt)
        .doesNotContain(team.secretKey())
        .doesNotContain(ApiClient.ADMIN_TOKEN);
  }

  /** Heymarket's JWT: HS256 over iss and iat, keyed with "<secret id>||<secret key>". */
  private static String jwt(String secretId, String secretKey, long issuedAt) throws Exception {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        base64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        base64.encodeToString(
            ("{\"iss\":\"" + secretId + "\",\"iat\":" + issuedAt + "}")
                .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            (secretId + "||" + secretKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        base64.encodeToString(
            mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
    return header + "." + payload + "." + signature;
  }
}
