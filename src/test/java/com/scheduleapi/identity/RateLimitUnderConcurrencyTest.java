package com.scheduleapi.identity;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.LimitedApiTest;
import com.scheduleapi.MutableClock;
import com.scheduleapi.directory.Teams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Twenty threads hammering one key get no more than its quota between them (the clock stands still,
 * so nothing refills), and another key's requests are served while the flood runs.
 */
@LimitedApiTest
class RateLimitUnderConcurrencyTest {

  private static final int LIMIT = LimitedApiTest.REQUESTS_PER_MINUTE;
  private static final int THREADS = 20;
  private static final int EACH = 10;

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

  private Map<String, String> newKey() {
    long team = teams.create("flooded", "Owner", "owner@example.invalid").id();
    String key = credentials.issueApiKey(team);
    return Map.of("Authorization", "Bearer " + key);
  }

  @Test
  void holdsTheQuotaPerKeyUnderConcurrentRequestsAndServesOtherKeys() throws Exception {
    Map<String, String> flooded = newKey();
    Map<String, String> quiet = newKey();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<Callable<List<ApiClient.Response>>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        tasks.add(() -> repeat(flooded, EACH));
      }
      tasks.add(() -> repeat(quiet, LIMIT));
      List<Future<List<ApiClient.Response>>> futures = pool.invokeAll(tasks);

      List<ApiClient.Response> flood = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        flood.addAll(futures.get(t).get());
      }
      List<ApiClient.Response> quietAnswers = futures.get(THREADS).get();
      long accepted = flood.stream().filter(r -> r.status() == 200).count();
      assertThat(accepted).as("accepted of %d", flood.size()).isEqualTo(LIMIT);
      flood.stream()
          .filter(r -> r.status() != 200)
          .forEach(r -> assertProblem(r, 429, "rate_limited"));
      assertThat(quietAnswers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      System.out.printf(
          "RELIABILITY rate-limit: threads=%d requests=%d quota=%d accepted=%d otherKeyServed=%d/%d%n",
          THREADS, flood.size(), LIMIT, accepted, quietAnswers.size(), LIMIT);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<ApiClient.Response> repeat(Map<String, String> key, int times) {
    List<ApiClient.Response> answers = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      answers.add(api.send("GET", "/v1/team", null, key));
    }
    return answers;
  }
}
