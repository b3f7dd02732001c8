package com.scheduleapi.identity;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.LimitedApiTest;
import com.scheduleapi.MutableClock;
import com.scheduleapi.directory.Teams;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each key may make a minute's quota of requests; the next answers 429 with Retry-After. */
@LimitedApiTest
class RateLimitTest {

  private static final int LIMIT = LimitedApiTest.REQUESTS_PER_MINUTE;

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired Teams teams;
  @Autowired Credentials credentials;

  @BeforeEach
  void fixTime() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  /** A team made directly: this context has no admin token. */
  private Map<String, String> newKey() {
    long team = teams.create("limited", "Owner", "owner@example.invalid").id();
    String key = credentials.issueApiKey(team);
    return Map.of("Authorization", "Bearer " + key);
  }

  private void useQuota(Map<String, String> key) {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(api.send("GET", "/v1/team", null, key).status())
          .as("request %d", i + 1)
          .isEqualTo(200);
    }
  }

  @Test
  void refusesTheRequestAfterTheQuotaWithRetryAfter() {
    Map<String, String> key = newKey();
    useQuota(key);
    var refused = api.send("GET", "/v1/team", null, key);
    assertProblem(refused, 429, "rate_limited");
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    assertProblem(api.send("POST", "/v1/schedule", "{}", key), 429, "rate_limited");
  }

  @Test
  void leavesOtherKeysAlone() {
    Map<String, String> spent = newKey();
    Map<String, String> other = newKey();
    useQuota(spent);
    assertProblem(api.send("GET", "/v1/team", null, spent), 429, "rate_limited");
    useQuota(other);
  }

  @Test
  void servesTheKeyAgainAfterRetryAfter() {
    Map<String, String> key = newKey();
    useQuota(key);
    var refused = api.send("GET", "/v1/team", null, key);
    assertProblem(refused, 429, "rate_limited");
    clock.advance(Duration.ofSeconds(Long.parseLong(refused.header("Retry-After"))));
    assertThat(api.send("GET", "/v1/team", null, key).status()).isEqualTo(200);
    assertProblem(api.send("GET", "/v1/team", null, key), 429, "rate_limited");
  }

  @Test
  void doesNotCountRequestsWithoutAValidKey() {
    for (int i = 0; i <= LIMIT; i++) {
      assertProblem(api.send("GET", "/v1/team", null, Map.of()), 401, "missing_api_key");
    }
    useQuota(newKey());
  }
}
