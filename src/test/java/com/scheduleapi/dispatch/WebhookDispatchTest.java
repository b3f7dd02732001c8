package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.DispatchTest;
import com.scheduleapi.WebhookSink;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Schedules made through the API reach a real webhook server once, with the contract's payload. */
@DispatchTest
class WebhookDispatchTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired ApiClient api;
  @Autowired JdbcClient jdbc;
  private final WebhookSink sink = WebhookSink.shared();
  private ApiClient.TeamAccess team;

  @BeforeEach
  void newTeam() {
    team = api.newTeam();
  }

  @Test
  void handsASingleMessageToTheWebhookOnceWithTheContractPayload() {
    String phone = phone();
    Instant due = soon();
    long id = schedule("\"phone_number\":\"" + phone + "\"", "{\"text\":\"Hello there\"}", due);

    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));

    List<WebhookSink.Received> received = sink.receivedFor(phone);
    assertThat(received).hasSize(1);
    JsonNode body = received.get(0).body();
    assertThat(body.get("schedule_id").asLong()).isEqualTo(id);
    assertThat(body.get("to").asString()).isEqualTo(phone);
    assertThat(body.get("from").asString()).isEqualTo("14155550100");
    assertThat(body.get("text").asString()).isEqualTo("Hello there");
    assertThat(body.get("inbox_id").asLong()).isEqualTo(team.inboxId());
    assertThat(body.get("user_id").asLong()).isEqualTo(team.ownerId());
    assertThat(body.get("idempotency_key").asString()).isNotBlank();
    assertThat(body.has("delivery_id")).isTrue();
    assertThat(body.has("attachments")).isTrue();
    assertThat(body.has("gallery")).isTrue();
    assertThat(received.get(0).node()).isNotBlank();
    assertThat(received.get(0).at()).isAfterOrEqualTo(due);

    JsonNode deliveries = team.get(api, "/v1/schedule/" + id + "/deliveries").body().get("items");
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).get("status").asString()).isEqualTo("sent");
    assertThat(deliveries.get(0).get("attempts").asInt()).isEqualTo(1);
    assertThat(deliveries.get(0).get("provider_message_id").asString()).startsWith("msg-");
    assertThat(deliveries.get(0).get("sent_at").isNull()).isFalse();
    JsonNode view = team.get(api, "/v1/schedule/" + id).body();
    assertThat(view.at("/meta/recipients").asInt()).isEqualTo(1);
    assertThat(view.at("/meta/sent").asInt()).isEqualTo(1);
  }

  @Test
  void fansAListOutAtSendTimeSkippingOptedOutContactsAndFillingNames() {
    String ana = phone();
    String bo = phone();
    String out = phone();
    String late = phone();
    long list =
        team.post(
                api,
                "/v2/lists",
                """
                {"title":"Patients","phones":["%s"],
                 "targets":{"%s":{"f":"Ana","l":"Lima"},"%s":{"f":"Bo","l":"Berg"}}}
                """
                    .formatted(out, ana, bo))
            .body()
            .get("id")
            .asLong();
    team.put(api, "/v1/contacts/" + out, "{\"first\":\"Otto\",\"opted_out\":true}");
    long template =
        team.post(
                api,
                "/v1/template",
                "{\"title\":\"Hi\",\"content\":{\"text\":\"Hi {{first_name}} {{ last_name }}!\"}}")
            .body()
            .get("id")
            .asLong();
    Instant due = soon().plusSeconds(1);
    long id = schedule("\"list_id\":" + list, "{\"template\":{\"id\":" + template + "}}", due);
    // The list is read when the message is sent, not when it was scheduled.
    team.put(api, "/v2/lists/" + list, "{\"add_phones\":[\"" + late + "\"]}");

    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));

    assertThat(sink.receivedFor(ana))
        .singleElement()
        .satisfies(r -> assertThat(r.body().get("text").asString()).isEqualTo("Hi Ana Lima!"));
    assertThat(sink.receivedFor(bo))
        .singleElement()
        .satisfies(r -> assertThat(r.body().get("text").asString()).isEqualTo("Hi Bo Berg!"));
    assertThat(sink.receivedFor(late))
        .singleElement()
        .satisfies(r -> assertThat(r.body().get("text").asString()).isEqualTo("Hi  !"));
    assertThat(sink.receivedFor(out)).isEmpty();
    JsonNode view = team.get(api, "/v1/schedule/" + id).body();
    assertThat(view.at("/meta/recipients").asInt()).isEqualTo(4);
    assertThat(view.at("/meta/sent").asInt()).isEqualTo(3);
    assertThat(view.at("/meta/skipped").asInt()).isEqualTo(1);
    JsonNode deliveries = team.get(api, "/v1/schedule/" + id + "/deliveries").body().get("items");
    assertThat(deliveries.findValuesAsString("status"))
        .containsExactlyInAnyOrder("sent", "sent", "sent", "skipped");
  }

  @Test
  void givesAScheduleWrittenBeforeItHadAKeyOneWhenItIsClaimed() {
    String phone = phone();
    sink.script(phone, 503);
    long id = schedule("\"phone_number\":\"" + phone + "\"", "{\"text\":\"Old\"}", soon());
    // Rows written before migration V3 have no idempotency key.
    jdbc.sql("update schedule set idempotency_key = null where id = ?").param(id).update();

    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));

    List<WebhookSink.Received> attempts = sink.receivedFor(phone);
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).idempotencyKey()).isNotBlank();
    assertThat(attempts.stream().map(WebhookSink.Received::idempotencyKey).distinct()).hasSize(1);
  }

  @Test
  void skipsASinglePhoneThatOptedOut() {
    String out = phone();
    team.put(api, "/v1/contacts/" + out, "{\"first\":\"Otto\",\"opted_out\":true}");
    long id = schedule("\"phone_number\":\"" + out + "\"", "{\"text\":\"Hello\"}", soon());

    await().atMost(PATIENCE).until(() -> status(id).equals("failed"));

    assertThat(sink.receivedFor(out)).isEmpty();
    JsonNode view = team.get(api, "/v1/schedule/" + id).body();
    assertThat(view.at("/meta/recipients").asInt()).isEqualTo(1);
    assertThat(view.at("/meta/skipped").asInt()).isEqualTo(1);
    JsonNode deliveries = team.get(api, "/v1/schedule/" + id + "/deliveries").body().get("items");
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).get("phone_number").asString()).isEqualTo(out);
    assertThat(deliveries.get(0).get("status").asString()).isEqualTo("skipped");
    assertThat(deliveries.get(0).get("attempts").asInt()).isZero();
  }

  @Test
  void sendsAGroupAsOneMessageToAllItsPhones() {
    String a = phone();
    String b = phone();
    long id =
        schedule(
            "\"targets\":[\"+" + a + "\",{\"phone_number\":\"" + b + "\"}]",
            "{\"text\":\"Group hello\",\"attachments\":[{\"url\":\"https://example.com/a.png\",\"type\":\"image/png\",\"name\":\"a.png\"}]}",
            soon());

    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));

    assertThat(sink.receivedFor(a))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.recipients()).containsExactly(a, b);
              assertThat(r.body().at("/attachments/0/url").asString())
                  .isEqualTo("https://example.com/a.png");
            });
  }

  @Test
  void retriesPassingFailuresWithTheSameKeyUntilTheProviderAccepts() {
    String phone = phone();
    sink.script(phone, 503, 429);
    long id = schedule("\"phone_number\":\"" + phone + "\"", "{\"text\":\"Again\"}", soon());

    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));

    List<WebhookSink.Received> attempts = sink.receivedFor(phone);
    assertThat(attempts).hasSize(3);
    assertThat(attempts.stream().map(WebhookSink.Received::idempotencyKey).distinct()).hasSize(1);
    assertThat(attempts.stream().map(r -> r.body().get("delivery_id").asLong()).distinct())
        .hasSize(1);
    JsonNode items = team.get(api, "/v1/schedule/" + id + "/deliveries").body().get("items");
    assertThat(items).as("one delivery, moved from the schedule to the queue").hasSize(1);
    JsonNode delivery = items.get(0);
    assertThat(delivery.get("attempts").asInt())
        .as("three posts, of which the 429 (slow down) is not counted as an attempt")
        .isEqualTo(2);
    assertThat(delivery.get("status").asString()).isEqualTo("sent");
  }

  @Test
  void failsAtOnceOnAClientError() {
    String phone = phone();
    sink.script(phone, 400);
    long id = schedule("\"phone_number\":\"" + phone + "\"", "{\"text\":\"Nope\"}", soon());

    await().atMost(PATIENCE).until(() -> status(id).equals("failed"));

    assertThat(sink.receivedFor(phone)).hasSize(1);
    JsonNode delivery = team.get(api, "/v1/schedule/" + id + "/deliveries").body().at("/items/0");
    assertThat(delivery.get("status").asString()).isEqualTo("failed");
    assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.get("error").asString()).contains("400");
  }

  @Test
  void givesUpAfterMaxAttempts() {
    String phone = phone();
    sink.script(phone, 500, 500, 500, 500, 500);
    long id = schedule("\"phone_number\":\"" + phone + "\"", "{\"text\":\"Down\"}", soon());

    await().atMost(PATIENCE).until(() -> status(id).equals("failed"));

    assertThat(sink.receivedFor(phone)).hasSize(4);
    JsonNode delivery = team.get(api, "/v1/schedule/" + id + "/deliveries").body().at("/items/0");
    assertThat(delivery.get("error").asString()).contains("gave up after 4 attempts");
  }

  @Test
  void neverSendsAScheduleDeletedOrMovedBeforeItsTime() {
    String deleted = phone();
    String moved = phone();
    Instant due = soon().plusSeconds(2);
    long gone = schedule("\"phone_number\":\"" + deleted + "\"", "{\"text\":\"x\"}", due);
    long later = schedule("\"phone_number\":\"" + moved + "\"", "{\"text\":\"y\"}", due);
    assertThat(team.delete(api, "/v1/schedule/" + gone).status()).isEqualTo(200);
    Instant newTime = due.plusSeconds(3);
    var put =
        team.put(
            api,
            "/v1/schedule/" + later,
            body("\"phone_number\":\"" + moved + "\"", "{\"text\":\"y\"}", newTime));
    assertThat(put.status()).isEqualTo(200);

    await().atMost(PATIENCE).until(() -> status(later).equals("sent"));

    assertThat(sink.receivedFor(deleted)).isEmpty();
    assertThat(sink.receivedFor(moved))
        .singleElement()
        .satisfies(r -> assertThat(r.at()).isAfterOrEqualTo(newTime));
  }

  @Test
  void refusesChangesOnceTheScheduleIsBeingSent() {
    String phone = phone();
    sink.script(phone, 503, 503);
    long id = schedule("\"phone_number\":\"" + phone + "\"", "{\"text\":\"z\"}", soon());
    await().atMost(PATIENCE).until(() -> !sink.receivedFor(phone).isEmpty());

    assertThat(team.delete(api, "/v1/schedule/" + id).status()).isEqualTo(409);
    var put =
        team.put(
            api,
            "/v1/schedule/" + id,
            body("\"phone_number\":\"" + phone + "\"", "{\"text\":\"z\"}", soon().plusSeconds(60)));
    assertThat(put.status()).isEqualTo(409);
    assertThat(put.body().get("error_code").asString()).isEqualTo("conflict");
    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));
  }

  private long schedule(String recipient, String content, Instant due) {
    var response = team.post(api, "/v1/schedule", body(recipient, content, due));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private String body(String recipient, String content, Instant due) {
    return "{\"inbox_id\":%d,\"execute_at\":\"%s\",\"content\":%s,%s}"
        .formatted(team.inboxId(), due, content, recipient);
  }

  private String status(long id) {
    return team.get(api, "/v1/schedule/" + id).body().at("/meta/status").asString();
  }

  private static Instant soon() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
  }

  static String phone() {
    return "1" + (4_000_000_000L + ThreadLocalRandom.current().nextLong(5_000_000_000L));
  }
}
