package com.scheduleapi.events;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Webhook registration (secrets, refusal of the service's own network, before any connection), the
 * event log (keyset pages, oldest first, types, retention) and isolation between teams, over HTTP.
 * Nothing here listens: a refused URL is refused before a packet could leave.
 */
@ApiTest
class WebhookApiTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired EventCleanup cleanup;

  private ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://[::1]:8080/hook",
        "http://localhost/hook",
        "https://10.1.2.3/hook",
        "http://172.16.0.9/hook",
        "http://192.168.1.20:9000/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://0.0.0.0/hook",
        "http://[fd00::1]/hook"
      })
  void refusesUrlsIntoTheServicesOwnNetwork(String url) {
    JsonNode problem =
        assertProblem(team.post(api, "/v1/webhooks", "{\"url\":\"" + url + "\"}"), 400, "bad_data");
    assertThat(problem.at("/errors/0/field").asString()).isEqualTo("url");
    assertThat(problem.at("/errors/0/message").asString()).contains("use a public address");
    assertThat(team.get(api, "/v1/webhooks").body().get("items")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/x", "not a url", "/relative", ""})
  void refusesWhatIsNotAnHttpUrl(String url) {
    JsonNode problem =
        assertProblem(team.post(api, "/v1/webhooks", "{\"url\":\"" + url + "\"}"), 400, "bad_data");
    assertThat(problem.at("/errors/0/field").asString()).isEqualTo("url");
  }

  @Test
  void refusesUnknownEventTypesNamingTheField() {
    JsonNode problem =
        assertProblem(
            team.post(
                api,
                "/v1/webhooks",
                "{\"url\":\"https://203.0.113.7/h\",\"events\":[\"schedule.sent\",\"nope\"]}"),
            400,
            "bad_data");
    assertThat(problem.at("/errors/0/field").asString()).isEqualTo("events");
    assertThat(problem.at("/errors/0/message").asString()).contains("nope");
  }

  @Test
  void showsTheSecretOnceAndStoresItEncrypted() {
    var created =
        team.post(
            api,
            "/v1/webhooks",
            "{\"url\":\"https://203.0.113.7/hooks\",\"events\":[\"delivery.sent\"]}");
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    String secret = created.body().get("secret").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(created.body().get("events").get(0).asString()).isEqualTo("delivery.sent");
    long id = created.body().get("id").asLong();

    JsonNode listed = team.get(api, "/v1/webhooks").body().get("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("url").asString()).isEqualTo("https://203.0.113.7/hooks");
    assertThat(listed.get(0).has("secret")).isFalse();
    byte[] stored =
        jdbc.sql("select secret from webhook where id = :id")
            .param("id", id)
            .query(byte[].class)
            .single();
    String storedText = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(storedText).doesNotContain(secret).doesNotContain(secret.substring(6));
    assertThat(Base64.getEncoder().encodeToString(stored)).doesNotContain(secret.substring(6));
  }

  @Test
  void keepsWebhooksAndEventsToTheirTeam() {
    ApiClient.TeamAccess other = api.newTeam();
    long id =
        team.post(api, "/v1/webhooks", "{\"url\":\"https://203.0.113.7/a\"}")
            .body()
            .get("id")
            .asLong();
    createSchedule(team, null);
    createSchedule(other, null);

    await().until(() -> allEvents(team, "").size() == 1 && allEvents(other, "").size() == 1);
    assertThat(other.get(api, "/v1/webhooks").body().get("items")).isEmpty();
    assertProblem(other.delete(api, "/v1/webhooks/" + id), 404, "not_found");
    assertThat(team.get(api, "/v1/webhooks").body().get("items")).hasSize(1);
    List<JsonNode> mine = allEvents(team, "");
    List<JsonNode> theirs = allEvents(other, "");
    assertThat(mine).hasSize(1);
    assertThat(theirs).hasSize(1);
    assertThat(mine.get(0).get("id").asString()).isNotEqualTo(theirs.get(0).get("id").asString());
    // Another team's event id as a cursor shows nothing of theirs.
    assertThat(
            team.get(api, "/v1/events?after=" + theirs.get(0).get("id").asString())
                .body()
                .get("items"))
        .allSatisfy(
            e -> assertThat(e.get("id").asString()).isEqualTo(mine.get(0).get("id").asString()));

    assertThat(team.delete(api, "/v1/webhooks/" + id).raw()).isEqualTo("\"ok\"");
    assertThat(team.get(api, "/v1/webhooks").body().get("items")).isEmpty();
  }

  @Test
  void pagesTheEventLogOldestFirstByKeyset() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(createSchedule(team, null));
    }
    team.post(api, "/v1/schedule/" + ids.get(0) + "/pause", null);

    await().until(() -> allEvents(team, "").size() == 8);
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      JsonNode page =
          team.get(api, "/v1/events?limit=3" + (after == null ? "" : "&after=" + after)).body();
      page.get("items").forEach(e -> seen.add(e.get("type").asString() + "#" + e.at("/data/id")));
      after = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
      pages++;
    } while (after != null);

    assertThat(pages).isEqualTo(3);
    List<String> expected = new ArrayList<>();
    ids.forEach(id -> expected.add("schedule.created#" + id));
    expected.add("schedule.paused#" + ids.get(0));
    assertThat(seen).containsExactlyElementsOf(expected);
    List<JsonNode> paused = allEvents(team, "&type=schedule.paused");
    assertThat(paused).hasSize(1);
    JsonNode event = paused.get(0);
    assertThat(event.get("id").asString()).startsWith("evt_");
    assertThat(event.get("created_at").asString()).endsWith("Z");
    assertThat(event.at("/data/meta/status").asString()).isEqualTo("paused");
    assertThat(event.at("/data/inbox_id").asLong()).isEqualTo(team.inboxId());
  }

  @Test
  void refusesABadCursorOrLimitNamingTheField() {
    assertThat(
            assertProblem(team.get(api, "/v1/events?after=42"), 400, "bad_data")
                .at("/errors/0/field")
                .asString())
        .isEqualTo("after");
    assertThat(
            assertProblem(team.get(api, "/v1/events?limit=0"), 400, "bad_data")
                .at("/errors/0/field")
                .asString())
        .isEqualTo("limit");
    assertThat(
            assertProblem(team.get(api, "/v1/events?type=schedule.nope"), 400, "bad_data")
                .at("/errors/0/field")
                .asString())
        .isEqualTo("type");
  }

  @Test
  void deletesEventsOlderThanKeepForInBatches() {
    long kept = createSchedule(team, null);
    long old = createSchedule(team, null);
    jdbc.sql(
            """
            update event set created_at = now() - interval '31 days'
            where team_id = :team and data::json->>'id' = :id
            """)
        .param("team", team.id())
        .param("id", Long.toString(old))
        .update();

    await().until(() -> allEvents(team, "").size() == 2);
    assertThat(cleanup.run()).isGreaterThanOrEqualTo(1);

    assertThat(allEvents(team, ""))
        .extracting(e -> e.at("/data/id").asLong())
        .containsExactly(kept);
    assertThat(
            jdbc.sql("select count(*) from event where team_id = :team")
                .param("team", team.id())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void recordsEachCreatedScheduleAsItIsReadBack() {
    String inbox = "{\"inbox_id\": " + team.inboxId() + ", \"content\": {\"text\": \"hi\"}, ";
    List<String> bodies =
        List.of(
            inbox
                + "\"execute_at\": \"2026-01-10T18:00:00+01:00\", \"phone_number\": \"14155553434\","
                + " \"local_id\": \"read-back\", \"batch_id\": \"b1\","
                + " \"expire_at\": \"2026-01-10T19:00:00+01:00\"}",
            inbox
                + "\"execute_at\": \"2026-01-10T18:00:00Z\","
                + " \"targets\": [\"14155553434\", \"14155553435\"]}",
            inbox + "\"local_time\": \"2026-01-11T09:00:00\", \"phone_number\": \"12125550100\"}");
    List<JsonNode> read = new ArrayList<>();
    for (String body : bodies) {
      ApiClient.Response created = team.post(api, "/v1/schedule", body);
      assertThat(created.status()).as(created.raw()).isEqualTo(200);
      read.add(team.get(api, "/v1/schedule/" + created.body().get("id").asLong()).body());
    }

    await().until(() -> allEvents(team, "&type=schedule.created").size() == bodies.size());
    assertThat(allEvents(team, "&type=schedule.created"))
        .map(event -> event.get("data"))
        .containsExactlyElementsOf(read);
  }

  long createSchedule(ApiClient.TeamAccess access, String batchId) {
    var response =
        access.post(
            api,
            "/v1/schedule",
            """
            {"inbox_id": %d, "execute_at": "2026-01-10T18:00:00Z", "content": {"text": "hi"},
             "phone_number": "14155553434" %s}
            """
                .formatted(
                    access.inboxId(),
                    batchId == null ? "" : ", \"batch_id\": \"" + batchId + "\""));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private List<JsonNode> allEvents(ApiClient.TeamAccess access, String query) {
    List<JsonNode> events = new ArrayList<>();
    access.get(api, "/v1/events?limit=1000" + query).body().get("items").forEach(events::add);
    return events;
  }
}
