package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The seed document's curl bodies, verbatim but for the time and the inbox id. */
@ApiTest
class SeedExamplesTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void createGetUpdateDeleteAsTheSeedShows() {
    clock.set(Instant.parse("2024-07-24T17:00:00Z"));
    ApiClient.TeamAccess team = api.newTeam();
    var created =
        team.post(
            api,
            "/v1/schedule",
            """
            {
                "local_id": "f4bb74f2-7827-4a61-83c1-04164338fb6f",
                "content": {
                  "text": "Your appointment is tomorrow at 2pm",
                  "to": "14155553434"
                },
                "phone_number": "14155553434",
                "inbox_id": %d,
                "execute_at": "2024-07-24T11:30:00-07:00"
              }
            """
                .formatted(team.inboxId()));
    assertThat(created.status()).isEqualTo(200);
    long id = created.body().get("id").asLong();
    assertThat(created.body().get("local_id").asString())
        .isEqualTo("f4bb74f2-7827-4a61-83c1-04164338fb6f");

    var got = team.get(api, "/v1/schedule/" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().get("execute").asString()).isEqualTo("2024-07-24T11:30:00-07:00");
    assertThat(got.body().get("inbox_id").asLong()).isEqualTo(team.inboxId());
    assertThat(got.body().get("user_id").asLong()).isEqualTo(team.ownerId());
    assertThat(got.body().at("/meta/status").asString()).isEqualTo("scheduled");
    assertThat(got.body().at("/meta/content/text").asString())
        .isEqualTo("Your appointment is tomorrow at 2pm");
    assertThat(got.body().at("/meta/phone_number").asString()).isEqualTo("14155553434");

    var updated =
        team.put(
            api,
            "/v1/schedule/" + id,
            """
            {
                "execute_at": "2024-07-24T12:00:00-07:00",
                "content": {
                  "text": "Your appointment is tomorrow at 2pm. Reply STOP to opt out.",
                  "to": "14155553434"
                },
                "inbox_id": %d
              }
            """
                .formatted(team.inboxId()));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().get("execute").asString()).isEqualTo("2024-07-24T12:00:00-07:00");
    assertThat(updated.body().get("rev").asInt()).isEqualTo(2);
    assertThat(updated.body().at("/meta/content/text").asString())
        .endsWith("Reply STOP to opt out.");

    var deleted = team.delete(api, "/v1/schedule/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.raw()).isEqualTo("\"ok\"");
    assertThat(team.get(api, "/v1/schedule/" + id).status()).isEqualTo(404);
  }
}
