package com.scheduleapi.schedule;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Team B cannot see, change or refer to team A's schedules or what they refer to. */
@ApiTest
class ScheduleIsolationTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  ApiClient.TeamAccess a;
  ApiClient.TeamAccess b;
  long schedule;
  JsonNode before;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    a = api.newTeam();
    b = api.newTeam();
    var created =
        a.post(
            api,
            "/v1/schedule",
            body(a.inboxId(), "\"phone_number\": \"14155553434\", \"local_id\": \"shared\""));
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    schedule = created.body().get("id").asLong();
    before = a.get(api, "/v1/schedule/" + schedule).body();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private static String body(long inbox, String extra) {
    return """
        {"inbox_id": %d, "execute_at": "2026-01-10T18:00:00Z", "content": {"text": "hi"}, %s}
        """
        .formatted(inbox, extra);
  }

  private long rowsOf(ApiClient.TeamAccess team) {
    return jdbc.sql("select count(*) from schedule where team_id = ?")
        .param(team.id())
        .query(Long.class)
        .single();
  }

  private void assertAUnchanged() {
    assertThat(a.get(api, "/v1/schedule/" + schedule).body()).isEqualTo(before);
  }

  @Test
  void hidesAnotherTeamsScheduleFromEveryEndpoint() {
    var get = b.get(api, "/v1/schedule/" + schedule);
    assertProblem(get, 404, "not_found");
    assertThat(get.raw()).doesNotContain("14155553434");
    assertProblem(b.get(api, "/v1/schedule/" + schedule + "/deliveries"), 404, "not_found");
    assertProblem(
        b.put(
            api,
            "/v1/schedule/" + schedule,
            body(b.inboxId(), "\"phone_number\": \"14155550000\"")),
        404,
        "not_found");
    assertProblem(b.delete(api, "/v1/schedule/" + schedule), 404, "not_found");
    assertThat(b.get(api, "/v1/schedules").body().get("items").size()).isZero();
    assertThat(b.get(api, "/v1/schedules?local_id=shared").body().get("items").size()).isZero();
    assertAUnchanged();
  }

  @Test
  void answersTheSameForAnotherTeamsIdAsForNoId() {
    var theirs = b.get(api, "/v1/schedule/" + schedule);
    var none = b.get(api, "/v1/schedule/999999999");
    assertThat(theirs.status()).isEqualTo(none.status());
    assertThat(theirs.body().get("error_code")).isEqualTo(none.body().get("error_code"));
  }

  @Test
  void refusesAnotherTeamsIdsInABody() {
    long list =
        a.post(api, "/v2/lists", "{\"title\": \"L\", \"phones\": [\"14155550001\"]}")
            .body()
            .get("id")
            .asLong();
    long conversation =
        a.post(
                api,
                "/v1/conversation",
                "{\"inbox_id\": %d, \"phone_number\": \"14155550002\"}".formatted(a.inboxId()))
            .body()
            .get("id")
            .asLong();
    long template =
        a.post(api, "/v1/template", "{\"title\": \"T\", \"content\": {\"text\": \"x\"}}")
            .body()
            .get("id")
            .asLong();
    String phone = "\"phone_number\": \"14155553434\"";
    assertBadData(b.post(api, "/v1/schedule", body(a.inboxId(), phone)), "inbox_id");
    assertBadData(
        b.post(api, "/v1/schedule", body(b.inboxId(), "\"list_id\": " + list)), "list_id");
    assertBadData(
        b.post(api, "/v1/schedule", body(b.inboxId(), "\"conversation_id\": " + conversation)),
        "conversation_id");
    assertBadData(
        b.post(api, "/v1/schedule", body(b.inboxId(), phone + ", \"user_id\": " + a.ownerId())),
        "user_id");
    assertBadData(
        b.post(
            api,
            "/v1/schedule",
            body(b.inboxId(), phone)
                .replace("{\"text\": \"hi\"}", "{\"template\": " + template + "}")),
        "content.template");
    assertBadData(
        b.post(
            api,
            "/v1/schedule",
            body(b.inboxId(), phone)
                .replace("{\"text\": \"hi\"}", "{\"template\": {\"id\": " + template + "}}")),
        "content.template");
    assertThat(rowsOf(b)).isZero();
  }

  @Test
  void refusesAnotherTeamsIdsInAnUpdate() {
    long ours =
        b.post(api, "/v1/schedule", body(b.inboxId(), "\"phone_number\": \"14155553434\""))
            .body()
            .get("id")
            .asLong();
    assertBadData(
        b.put(api, "/v1/schedule/" + ours, body(a.inboxId(), "\"phone_number\": \"14155553434\"")),
        "inbox_id");
    assertThat(b.get(api, "/v1/schedule/" + ours).body().get("inbox_id").asLong())
        .isEqualTo(b.inboxId());
  }

  @Test
  void letsEachTeamUseTheSameLocalId() {
    var theirs =
        b.post(
            api,
            "/v1/schedule",
            body(b.inboxId(), "\"phone_number\": \"14155550000\", \"local_id\": \"shared\""));
    assertThat(theirs.status()).as(theirs.raw()).isEqualTo(200);
    assertThat(theirs.body().get("id").asLong()).isNotEqualTo(schedule);
    assertAUnchanged();
  }
}
