package com.scheduleapi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Team B writes everywhere it can, with team A's ids and team A's names, phones and local ids:
 * whatever B gets answered, nothing team A can see changes.
 */
@ApiTest
class CrossTeamWritesTest {

  private static final String PHONE = "14155557777";

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private ApiClient.TeamAccess a;
  private ApiClient.TeamAccess b;
  private long schedule;
  private long list;
  private long template;
  private long conversation;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    a = api.newTeam();
    b = api.newTeam();
    list =
        id(
            a.post(
                api,
                "/v2/lists",
                "{\"title\":\"A\",\"local_id\":\"same\",\"phones\":[\"" + PHONE + "\"]}"));
    template =
        id(
            a.post(
                api,
                "/v1/template",
                "{\"title\":\"A\",\"local_id\":\"same\",\"content\":{\"text\":\"a\"}}"));
    conversation =
        id(
            a.post(
                api,
                "/v1/conversation",
                "{\"inbox_id\":%d,\"phone_number\":\"%s\"}".formatted(a.inboxId(), PHONE)));
    assertThat(
            a.put(
                    api,
                    "/v1/contacts/" + PHONE,
                    "{\"first\":\"Ana\",\"last\":\"A\",\"opted_out\":false}")
                .status())
        .isEqualTo(200);
    schedule =
        id(
            a.post(
                api,
                "/v1/schedule",
                scheduleBody(a.inboxId(), "\"phone_number\":\"" + PHONE + "\"")));
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void teamBsWritesChangeNothingOfTeamA() {
    Map<String, Object> before = snapshotOfA();

    // With A's ids: refused exactly as ids that do not exist.
    assertThat(
            b.put(
                    api,
                    "/v1/schedule/" + schedule,
                    scheduleBody(b.inboxId(), "\"phone_number\":\"" + PHONE + "\""))
                .status())
        .isEqualTo(404);
    assertThat(b.delete(api, "/v1/schedule/" + schedule).status()).isEqualTo(404);
    assertThat(
            b.put(
                    api,
                    "/v2/lists/" + list,
                    "{\"add_phones\":[\"14155550001\"],\"remove_phones\":[\"" + PHONE + "\"]}")
                .status())
        .isEqualTo(404);
    assertThat(b.delete(api, "/v2/lists/" + list).status()).isEqualTo(404);
    for (String recipient :
        List.of(
            "\"list_id\":" + list,
            "\"conversation_id\":" + conversation,
            "\"phone_number\":\"" + PHONE + "\",\"user_id\":" + a.ownerId())) {
      assertThat(b.post(api, "/v1/schedule", scheduleBody(b.inboxId(), recipient)).status())
          .isEqualTo(400);
    }
    assertThat(
            b.post(
                    api,
                    "/v1/schedule",
                    scheduleBody(a.inboxId(), "\"phone_number\":\"" + PHONE + "\""))
                .status())
        .isEqualTo(400);
    assertThat(
            b.post(
                    api,
                    "/v1/schedule",
                    "{\"inbox_id\":%d,\"execute_at\":\"2026-01-10T18:00:00Z\",\"phone_number\":\"%s\",\"content\":{\"template\":%d}}"
                        .formatted(b.inboxId(), PHONE, template))
                .status())
        .isEqualTo(400);
    assertThat(
            b.post(
                    api,
                    "/v1/conversation",
                    "{\"inbox_id\":%d,\"phone_number\":\"%s\"}".formatted(a.inboxId(), PHONE))
                .status())
        .isEqualTo(400);

    // With A's names, phones and local ids: B's own rows, beside A's.
    assertThat(
            b.post(
                    api,
                    "/v1/schedule",
                    scheduleBody(
                        b.inboxId(), "\"phone_number\":\"" + PHONE + "\",\"local_id\":\"same\""))
                .status())
        .isEqualTo(200);
    assertThat(
            b.post(api, "/v2/lists", "{\"title\":\"A\",\"local_id\":\"same\",\"phones\":[]}")
                .status())
        .isEqualTo(200);
    assertThat(
            b.post(
                    api,
                    "/v1/template",
                    "{\"title\":\"A\",\"local_id\":\"same\",\"content\":{\"text\":\"b\"}}")
                .status())
        .isEqualTo(200);
    assertThat(
            b.put(
                    api,
                    "/v1/contacts/" + PHONE,
                    "{\"first\":\"Bob\",\"last\":\"B\",\"opted_out\":true}")
                .status())
        .isEqualTo(200);
    assertThat(
            b.post(api, "/v1/team/members", "{\"name\":\"Eve\",\"email\":\"eve@example.com\"}")
                .status())
        .isEqualTo(200);
    assertThat(b.post(api, "/v1/inboxes", "{\"name\":\"Main\",\"phone\":\"14155550100\"}").status())
        .isEqualTo(200);
    var theirs =
        b.post(
            api,
            "/v1/conversation",
            "{\"inbox_id\":%d,\"phone_number\":\"%s\"}".formatted(b.inboxId(), PHONE));
    assertThat(theirs.status()).isEqualTo(200);
    assertThat(id(theirs)).isNotEqualTo(conversation);

    assertThat(snapshotOfA()).isEqualTo(before);
  }

  /** Everything of team A's that an endpoint or the contact table shows. */
  private Map<String, Object> snapshotOfA() {
    return Map.of(
        "team", a.get(api, "/v1/team").body(),
        "inboxes", a.get(api, "/v1/inboxes").body(),
        "schedules", a.get(api, "/v1/schedules").body(),
        "schedule", a.get(api, "/v1/schedule/" + schedule).body(),
        "list", a.get(api, "/v2/lists/" + list).body(),
        "template", a.get(api, "/v1/template/" + template).body(),
        "conversation",
            a.post(
                    api,
                    "/v1/conversation",
                    "{\"inbox_id\":%d,\"phone_number\":\"%s\"}".formatted(a.inboxId(), PHONE))
                .body(),
        "contacts",
            jdbc.sql(
                    "select phone, first_name, last_name, opted_out, updated_at from contact where team_id = ?")
                .param(a.id())
                .query()
                .listOfRows());
  }

  private static String scheduleBody(long inbox, String recipient) {
    return "{\"inbox_id\":%d,\"execute_at\":\"2026-01-10T18:00:00Z\",\"content\":{\"text\":\"hi\"},%s}"
        .formatted(inbox, recipient);
  }

  private static long id(ApiClient.Response response) {
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }
}
