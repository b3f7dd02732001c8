package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Per-recipient deliveries as the API shows them, and the live counts while sending. */
@ApiTest
class DeliveriesTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  ApiClient.TeamAccess team;
  long schedule;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    team = api.newTeam();
    var created =
        team.post(
            api,
            "/v1/schedule",
            """
            {"inbox_id": %d, "execute_at": "2026-01-10T18:00:00Z", "content": {"text": "hi"},
             "targets": ["14155550001", "14155550002", "14155550003", "14155550004"]}
            """
                .formatted(team.inboxId()));
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    schedule = created.body().get("id").asLong();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private void delivery(
      String phone, int status, int attempts, String error, Instant sentAt, String providerId) {
    jdbc.sql(
            """
            insert into delivery (schedule_id, recipient, idempotency_key, status, attempts, error,
                                  sent_at, provider_message_id)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            schedule,
            phone,
            UUID.randomUUID(),
            status,
            attempts,
            error,
            sentAt == null ? null : Timestamp.from(sentAt),
            providerId)
        .update();
  }

  @Test
  void showsTheGroupsPlannedDeliveryBeforeSending() {
    var response = team.get(api, "/v1/schedule/" + schedule + "/deliveries");
    assertThat(response.status()).isEqualTo(200);
    JsonNode items = response.body().get("items");
    assertThat(items.size()).isEqualTo(1);
    assertThat(items.get(0).get("status").asString()).isEqualTo("pending");
    assertThat(items.get(0).get("attempts").asInt()).isZero();
    assertThat(items.get(0).get("due_at").asString()).isEqualTo("2026-01-10T18:00:00Z");
    // A group message goes by the inbox's zone; this inbox has none.
    assertThat(items.get(0).get("timezone").asString()).isEqualTo("UTC");
  }

  @Test
  void showsEachDeliveryAndCountsThemWhileSending() {
    jdbc.sql("update schedule set status = 1 where id = ?").param(schedule).update();
    delivery("14155550001", 0, 1, "timeout", null, null);
    delivery("14155550002", 1, 2, null, Instant.parse("2026-01-10T18:00:03.250Z"), "SM123");
    delivery("14155550003", 2, 8, "400 bad number", null, null);
    delivery("14155550004", 3, 0, null, null, null);

    JsonNode items = team.get(api, "/v1/schedule/" + schedule + "/deliveries").body().get("items");
    assertThat(items.size()).isEqualTo(4);
    assertThat(items.get(0).get("phone_number").asString()).isEqualTo("14155550001");
    assertThat(items.get(0).get("status").asString()).isEqualTo("pending");
    assertThat(items.get(0).get("attempts").asInt()).isEqualTo(1);
    assertThat(items.get(0).get("error").asString()).isEqualTo("timeout");
    assertThat(items.get(0).get("sent_at").isNull()).isTrue();
    assertThat(items.get(1).get("status").asString()).isEqualTo("sent");
    assertThat(items.get(1).get("sent_at").asString()).isEqualTo("2026-01-10T18:00:03Z");
    assertThat(items.get(1).get("provider_message_id").asString()).isEqualTo("SM123");
    assertThat(items.get(2).get("status").asString()).isEqualTo("failed");
    assertThat(items.get(3).get("status").asString()).isEqualTo("skipped");

    JsonNode meta = team.get(api, "/v1/schedule/" + schedule).body().get("meta");
    assertThat(meta.get("status").asString()).isEqualTo("sending");
    assertThat(meta.get("recipients").asInt()).isEqualTo(4);
    assertThat(meta.get("sent").asInt()).isEqualTo(1);
    assertThat(meta.get("failed").asInt()).isEqualTo(1);
    assertThat(meta.get("skipped").asInt()).isEqualTo(1);
  }

  @Test
  void pagesThroughDeliveriesWithACursor() {
    jdbc.sql("update schedule set status = 1 where id = ?").param(schedule).update();
    for (String phone : new String[] {"14155550001", "14155550002", "14155550003"}) {
      delivery(phone, 1, 1, null, Instant.parse("2026-01-10T18:00:01Z"), "SM" + phone);
    }
    String path = "/v1/schedule/" + schedule + "/deliveries?limit=2";

    JsonNode first = team.get(api, path).body();
    JsonNode second = team.get(api, path + "&cursor=" + first.get("next_cursor").asString()).body();

    assertThat(first.get("items").findValuesAsString("phone_number"))
        .containsExactly("14155550001", "14155550002");
    assertThat(second.get("items").findValuesAsString("phone_number"))
        .containsExactly("14155550003");
    assertThat(second.get("next_cursor").isNull()).isTrue();
    assertThat(team.get(api, "/v1/schedule/" + schedule + "/deliveries?limit=0").status())
        .isEqualTo(400);
    assertThat(team.get(api, "/v1/schedule/" + schedule + "/deliveries?limit=5001").status())
        .isEqualTo(400);
    assertThat(team.get(api, "/v1/schedule/" + schedule + "/deliveries?cursor=x").status())
        .isEqualTo(400);
  }
}
