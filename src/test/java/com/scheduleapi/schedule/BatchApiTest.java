package com.scheduleapi.schedule;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** batch_id, pause and resume of one schedule, and pause, resume and cancel of a batch. */
@ApiTest
class BatchApiTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private ApiClient.TeamAccess team;
  private final String batch = "campaign-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void keepsTheBatchIdAndFiltersByIt() {
    long in = create(team, batch);
    create(team, "other-" + batch);
    create(team, null);

    JsonNode view = team.get(api, "/v1/schedule/" + in).body();
    assertThat(view.get("batch_id").asString()).isEqualTo(batch);
    JsonNode page = team.get(api, "/v1/schedules?batch_id=" + batch).body();
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.at("/items/0/id").asLong()).isEqualTo(in);
    JsonNode problem =
        assertProblem(team.post(api, "/v1/schedule", body(team, "x".repeat(65))), 400, "bad_data");
    assertThat(problem.at("/errors/0/field").asString()).isEqualTo("batch_id");
  }

  @Test
  void pausesAndResumesOneScheduleWhichStillTakesChanges() {
    long id = create(team, null);

    var paused = team.post(api, "/v1/schedule/" + id + "/pause", null);
    assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
    assertThat(paused.body().at("/meta/status").asString()).isEqualTo("paused");
    assertThat(team.post(api, "/v1/schedule/" + id + "/pause", null).status()).isEqualTo(200);
    var changed = team.put(api, "/v1/schedule/" + id, body(team, null).replace("hi", "changed"));
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    assertThat(changed.body().at("/meta/status").asString()).isEqualTo("paused");
    assertThat(changed.body().at("/meta/content/text").asString()).isEqualTo("changed");
    assertThat(team.get(api, "/v1/schedules?status=paused").body().get("items")).hasSize(1);

    var resumed = team.post(api, "/v1/schedule/" + id + "/resume", null);
    assertThat(resumed.body().at("/meta/status").asString()).isEqualTo("scheduled");
    assertThat(
            jdbc.sql("select dispatched_at is null from schedule where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single())
        .isTrue();
    await()
        .until(
            () ->
                types(team)
                    .equals(
                        List.of(
                            "schedule.created",
                            "schedule.paused",
                            "schedule.updated",
                            "schedule.resumed")));
  }

  @Test
  void refusesToPauseOrResumeWhatIsBeingSent() {
    long id = create(team, null);
    setStatus(id, ScheduleStatus.SENDING);
    assertProblem(team.post(api, "/v1/schedule/" + id + "/pause", null), 409, "conflict");
    assertProblem(team.post(api, "/v1/schedule/" + id + "/resume", null), 409, "conflict");
    assertProblem(team.post(api, "/v1/schedule/999999999/pause", null), 404, "not_found");
  }

  @Test
  void pausesResumesAndCancelsEveryScheduleOfABatchThatItAppliesTo() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(create(team, batch));
    }
    long sending = create(team, batch);
    setStatus(sending, ScheduleStatus.SENDING);
    long elsewhere = create(team, "other-" + batch);
    ApiClient.TeamAccess other = api.newTeam();
    long othersSameLabel = create(other, batch);

    JsonNode paused = team.post(api, "/v1/batches/" + batch + "/pause", null).body();
    assertThat(paused.get("batch_id").asString()).isEqualTo(batch);
    assertThat(paused.get("matched").asInt()).isEqualTo(4);
    assertThat(paused.get("changed").asInt()).isEqualTo(3);
    JsonNode counts = team.get(api, "/v1/batches/" + batch).body();
    assertThat(counts.get("schedules").asInt()).isEqualTo(4);
    assertThat(counts.at("/by_status/paused").asInt()).isEqualTo(3);
    assertThat(counts.at("/by_status/sending").asInt()).isEqualTo(1);
    assertThat(status(team, elsewhere)).isEqualTo("scheduled");
    assertThat(status(other, othersSameLabel)).isEqualTo("scheduled");

    JsonNode resumed = team.post(api, "/v1/batches/" + batch + "/resume", null).body();
    assertThat(resumed.get("changed").asInt()).isEqualTo(3);
    ids.forEach(id -> assertThat(status(team, id)).isEqualTo("scheduled"));
    team.post(api, "/v1/schedule/" + ids.get(0) + "/pause", null);

    JsonNode canceled = team.post(api, "/v1/batches/" + batch + "/cancel", null).body();
    assertThat(canceled.get("matched").asInt()).isEqualTo(4);
    assertThat(canceled.get("changed").asInt()).isEqualTo(3);
    ids.forEach(id -> assertThat(team.get(api, "/v1/schedule/" + id).status()).isEqualTo(404));
    assertThat(status(team, sending)).isEqualTo("sending");
    assertThat(status(other, othersSameLabel)).isEqualTo("scheduled");
    await()
        .untilAsserted(
            () ->
                assertThat(types(team))
                    .filteredOn(t -> !t.equals("schedule.created"))
                    .containsExactlyInAnyOrder(
                        "schedule.paused",
                        "schedule.paused",
                        "schedule.paused",
                        "schedule.resumed",
                        "schedule.resumed",
                        "schedule.resumed",
                        "schedule.paused",
                        "schedule.canceled",
                        "schedule.canceled",
                        "schedule.canceled"));
  }

  @Test
  void answersNotFoundForABatchTheTeamDoesNotHave() {
    create(api.newTeam(), batch);
    for (String action : List.of("pause", "resume", "cancel")) {
      assertProblem(team.post(api, "/v1/batches/" + batch + "/" + action, null), 404, "not_found");
    }
    assertProblem(team.get(api, "/v1/batches/" + batch), 404, "not_found");
  }

  private long create(ApiClient.TeamAccess access, String batchId) {
    var response = access.post(api, "/v1/schedule", body(access, batchId));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private static String body(ApiClient.TeamAccess access, String batchId) {
    return """
        {"inbox_id": %d, "execute_at": "2026-01-10T18:00:00Z", "content": {"text": "hi"},
         "phone_number": "14155553434" %s}
        """
        .formatted(access.inboxId(), batchId == null ? "" : ", \"batch_id\": \"" + batchId + "\"");
  }

  private String status(ApiClient.TeamAccess access, long id) {
    return access.get(api, "/v1/schedule/" + id).body().at("/meta/status").asString();
  }

  private void setStatus(long id, ScheduleStatus status) {
    jdbc.sql("update schedule set status = :status where id = :id")
        .param("status", status.code())
        .param("id", id)
        .update();
  }

  private List<String> types(ApiClient.TeamAccess access) {
    List<String> types = new ArrayList<>();
    access
        .get(api, "/v1/events?limit=1000")
        .body()
        .get("items")
        .forEach(e -> types.add(e.get("type").asString()));
    return types;
  }
}
