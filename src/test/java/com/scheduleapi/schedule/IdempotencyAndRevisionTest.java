package com.scheduleapi.schedule;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** local_id makes a create safe to repeat; rev and status guard changes. */
@ApiTest
class IdempotencyAndRevisionTest {

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

  private String body(String text) {
    return """
        {"local_id": "order-1", "inbox_id": %d, "execute_at": "2026-01-10T18:00:00Z",
         "phone_number": "14155553434", "content": {"text": "%s", "to": "14155553434"}}
        """
        .formatted(team.inboxId(), text);
  }

  private long rows() {
    return jdbc.sql("select count(*) from schedule where team_id = ?")
        .param(team.id())
        .query(Long.class)
        .single();
  }

  private long created(String body) {
    var response = team.post(api, "/v1/schedule", body);
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private ApiClient.Response put(long id, String body, String ifMatch) {
    Map<String, String> headers = new HashMap<>(team.auth());
    headers.put("If-Match", ifMatch);
    return api.send("PUT", "/v1/schedule/" + id, body, headers);
  }

  private void setStatus(long id, int status) {
    assertThat(jdbc.sql("update schedule set status = ? where id = ?").params(status, id).update())
        .isEqualTo(1);
  }

  @Test
  void answersTheSameIdForTheSameLocalIdAndBody() {
    long id = created(body("hi"));
    var again = team.post(api, "/v1/schedule", body("hi"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id").asLong()).isEqualTo(id);
    assertThat(again.body().get("local_id").asString()).isEqualTo("order-1");
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void treatsReorderedKeysAsTheSameBody() {
    long id = created(body("hi"));
    String reordered =
        """
        {"content": {"to": "14155553434", "text": "hi"}, "phone_number": "14155553434",
         "execute_at": "2026-01-10T18:00:00Z", "inbox_id": %d, "local_id": "order-1"}
        """
            .formatted(team.inboxId());
    var again = team.post(api, "/v1/schedule", reordered);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("id").asLong()).isEqualTo(id);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void answersOneIdToConcurrentCreatesWithTheSameLocalId() throws Exception {
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ApiClient.Response>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return team.post(api, "/v1/schedule", body("hi"));
                }));
      }
      start.countDown();
      Set<Long> ids = new HashSet<>();
      for (Future<ApiClient.Response> answer : answers) {
        ApiClient.Response response = answer.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        ids.add(response.body().get("id").asLong());
      }
      assertThat(ids).hasSize(1);
      assertThat(rows()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void answersConflictForTheSameLocalIdWithAnotherBody() {
    long id = created(body("hi"));
    var conflict = team.post(api, "/v1/schedule", body("hello"));
    assertProblem(conflict, 409, "conflict");
    assertThat(conflict.body().get("detail").asString()).contains(Long.toString(id));
    assertThat(rows()).isEqualTo(1);
    assertThat(team.get(api, "/v1/schedule/" + id).body().at("/meta/content/text").asString())
        .isEqualTo("hi");
  }

  @Test
  void scopesLocalIdsToTheTeam() {
    long ours = created(body("hi"));
    ApiClient.TeamAccess other = api.newTeam();
    var theirs =
        other.post(
            api,
            "/v1/schedule",
            body("hi")
                .replace("\"inbox_id\": " + team.inboxId(), "\"inbox_id\": " + other.inboxId()));
    assertThat(theirs.status()).as(theirs.raw()).isEqualTo(200);
    assertThat(theirs.body().get("id").asLong()).isNotEqualTo(ours);
  }

  @Test
  void createsTwiceWithoutALocalId() {
    String body = body("hi").replace("\"local_id\": \"order-1\",", "");
    assertThat(created(body)).isNotEqualTo(created(body));
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void updatesWithTheCurrentRevision() {
    long id = created(body("hi"));
    var get = team.get(api, "/v1/schedule/" + id);
    assertThat(get.header("ETag")).isEqualTo("\"1\"");
    var updated = put(id, body("changed"), "\"1\"");
    assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
    assertThat(updated.body().get("rev").asInt()).isEqualTo(2);
    assertThat(updated.header("ETag")).isEqualTo("\"2\"");
    assertThat(updated.body().at("/meta/content/text").asString()).isEqualTo("changed");
  }

  @Test
  void refusesAStaleRevision() {
    long id = created(body("hi"));
    assertThat(put(id, body("first"), "\"1\"").status()).isEqualTo(200);
    assertProblem(put(id, body("second"), "\"1\""), 412, "precondition_failed");
    var current = team.get(api, "/v1/schedule/" + id).body();
    assertThat(current.get("rev").asInt()).isEqualTo(2);
    assertThat(current.at("/meta/content/text").asString()).isEqualTo("first");
  }

  @Test
  void updatesWithoutIfMatch() {
    long id = created(body("hi"));
    var updated = team.put(api, "/v1/schedule/" + id, body("changed"));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().get("rev").asInt()).isEqualTo(2);
  }

  @Test
  void refusesToChangeAClaimedSchedule() {
    long id = created(body("hi"));
    for (int status = 1; status <= 4; status++) {
      setStatus(id, status);
      assertProblem(team.put(api, "/v1/schedule/" + id, body("late")), 409, "conflict");
      assertProblem(team.delete(api, "/v1/schedule/" + id), 409, "conflict");
    }
    var still = team.get(api, "/v1/schedule/" + id);
    assertThat(still.status()).isEqualTo(200);
    assertThat(still.body().at("/meta/status").asString()).isEqualTo("failed");
    assertThat(still.body().at("/meta/content/text").asString()).isEqualTo("hi");
    assertThat(still.body().get("rev").asInt()).isEqualTo(1);
  }

  @Test
  void namesTheStatusOfAClaimedSchedule() {
    long id = created(body("hi"));
    setStatus(id, 1);
    assertThat(team.get(api, "/v1/schedule/" + id).body().at("/meta/status").asString())
        .isEqualTo("sending");
    assertThat(
            assertProblem(team.delete(api, "/v1/schedule/" + id), 409, "conflict")
                .get("detail")
                .asString())
        .contains("sending");
  }

  @Test
  void deletesAScheduledSchedule() {
    long id = created(body("hi"));
    var deleted = team.delete(api, "/v1/schedule/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.raw()).isEqualTo("\"ok\"");
    assertThat(deleted.header("Content-Type")).startsWith("application/json");
    assertProblem(team.get(api, "/v1/schedule/" + id), 404, "not_found");
    assertProblem(team.delete(api, "/v1/schedule/" + id), 404, "not_found");
    assertThat(rows()).isZero();
  }

  @Test
  void refusesToMoveALocalIdOntoAnotherSchedule() {
    long first = created(body("hi"));
    long second = created(body("two").replace("order-1", "order-2"));
    assertProblem(team.put(api, "/v1/schedule/" + second, body("two")), 409, "conflict");
    assertThat(team.get(api, "/v1/schedule/" + second).body().get("local_id").asString())
        .isEqualTo("order-2");
    assertThat(team.get(api, "/v1/schedule/" + first).body().get("local_id").asString())
        .isEqualTo("order-1");
  }

  @Test
  void keepsTheLocalIdWhenAnUpdateOmitsIt() {
    long id = created(body("hi"));
    var updated =
        team.put(
            api, "/v1/schedule/" + id, body("changed").replace("\"local_id\": \"order-1\",", ""));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().get("local_id").asString()).isEqualTo("order-1");
  }

  @Test
  void showsCreatedAndUpdatedInUtc() {
    long id = created(body("hi"));
    clock.set(Instant.parse("2026-01-10T17:00:00Z"));
    var updated = team.put(api, "/v1/schedule/" + id, body("changed"));
    assertThat(updated.body().get("created").asString()).isEqualTo("2026-01-10T16:45:00Z");
    assertThat(updated.body().get("updated").asString()).isEqualTo("2026-01-10T17:00:00Z");
  }
}
