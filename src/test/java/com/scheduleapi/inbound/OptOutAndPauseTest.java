package com.scheduleapi.inbound;

import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.DispatchTest;
import com.scheduleapi.TwilioForms;
import com.scheduleapi.WebhookSink;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Incoming STOP (Twilio's signed webhook, and the provider-neutral endpoint) and pause, with the
 * dispatcher running: a STOP that arrives after a delivery was claimed still stops it, and a paused
 * schedule is not sent until resumed. Claims run five seconds ahead, so a claimed delivery waits
 * long enough to be stopped.
 */
@DispatchTest
@TestPropertySource(
    properties = {
      "schedule.dispatch.lookahead=PT5S",
      "schedule.sender.twilio.auth-token=" + OptOutAndPauseTest.AUTH_TOKEN
    })
class OptOutAndPauseTest {

  static final String AUTH_TOKEN = "twilio-test-auth-token";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired ApiClient api;
  @Autowired JdbcClient jdbc;
  private final WebhookSink sink = WebhookSink.shared();
  private ApiClient.TeamAccess team;
  private String inboxPhone;
  private long inbox;

  @BeforeEach
  void newTeamWithItsOwnNumber() {
    team = api.newTeam();
    inboxPhone = phone();
    inbox =
        team.post(api, "/v1/inboxes", "{\"name\":\"Own\",\"phone\":\"" + inboxPhone + "\"}")
            .body()
            .get("id")
            .asLong();
  }

  @Test
  void stopsADeliveryAlreadyClaimedWhenTheRecipientTextsStop() {
    String phone = phone();
    long id = schedule(phone, soon(6));
    await().atMost(PATIENCE).until(() -> claimed(id));

    var answer = twilio(Map.of("From", "+" + phone, "To", "+" + inboxPhone, "Body", " stop "));

    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    assertThat(answer.raw()).contains("<Response/>");
    await().atMost(PATIENCE).until(() -> !status(id).equals("sending"));
    assertThat(status(id)).isEqualTo("failed");
    JsonNode view = team.get(api, "/v1/schedule/" + id).body();
    assertThat(view.at("/meta/skipped").asInt()).isEqualTo(1);
    assertThat(sink.receivedFor(phone)).isEmpty();
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                team.get(api, "/v1/events?type=delivery.skipped").body().get("items").size() == 1);
  }

  @Test
  void checksTwilioSignatureAndTheNumber() {
    String phone = phone();
    Map<String, String> stop = Map.of("From", phone, "To", inboxPhone, "Body", "STOP");
    assertProblem(send(stop, "bm90IGl0"), 403, "forbidden");
    assertProblem(send(stop, null), 403, "forbidden");
    Map<String, String> tampered = new LinkedHashMap<>(stop);
    String signature = sign(url(), stop);
    tampered.put("Body", "START");
    assertProblem(send(tampered, signature), 403, "forbidden");
    assertThat(optedOut(phone)).isNull();

    var unknown = twilio(Map.of("From", phone, "To", phone(), "Body", "STOP"));
    assertProblem(unknown, 404, "not_found");
    assertThat(optedOut(phone)).isNull();

    assertThat(twilio(stop).status()).isEqualTo(200);
    assertThat(optedOut(phone)).isTrue();
    assertThat(twilio(Map.of("From", phone, "To", inboxPhone, "Body", "Yes")).status())
        .isEqualTo(200);
    assertThat(optedOut(phone)).isFalse();
    assertThat(twilio(Map.of("From", phone, "To", inboxPhone, "Body", "stop please")).status())
        .isEqualTo(200);
    assertThat(optedOut(phone)).isFalse();
  }

  @Test
  void takesStopFromOtherProvidersForTheTeamsOwnNumbersOnly() {
    String phone = phone();
    var out =
        team.post(
            api,
            "/v1/inbound",
            "{\"from\":\"" + phone + "\",\"to\":\"" + inboxPhone + "\",\"text\":\"UNSUBSCRIBE\"}");
    assertThat(out.status()).as(out.raw()).isEqualTo(200);
    assertThat(out.body().get("action").asString()).isEqualTo("opted_out");
    assertThat(optedOut(phone)).isTrue();

    ApiClient.TeamAccess other = api.newTeam();
    assertProblem(
        other.post(
            api,
            "/v1/inbound",
            "{\"from\":\"" + phone + "\",\"to\":\"" + inboxPhone + "\",\"text\":\"START\"}"),
        404,
        "not_found");
    assertThat(optedOut(phone)).isTrue();
    assertProblem(
        team.post(api, "/v1/inbound", "{\"from\":\"x\",\"to\":\"" + inboxPhone + "\"}"),
        400,
        "bad_data");
  }

  @Test
  void sendsAPausedScheduleOnlyOnceResumedAndThenAtOnce() throws InterruptedException {
    String phone = phone();
    Instant due = soon(9);
    long id = schedule(phone, due);
    assertThat(team.post(api, "/v1/schedule/" + id + "/pause", null).status()).isEqualTo(200);

    Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()) + 1500);
    assertThat(status(id)).isEqualTo("paused");
    assertThat(sink.receivedFor(phone)).isEmpty();

    assertThat(team.post(api, "/v1/schedule/" + id + "/resume", null).status()).isEqualTo(200);
    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));
    assertThat(sink.receivedFor(phone)).hasSize(1);
  }

  private ApiClient.Response twilio(Map<String, String> fields) {
    return send(fields, sign(url(), fields));
  }

  private String url() {
    return "http://localhost:" + api.port() + "/v1/inbound/twilio";
  }

  private Boolean optedOut(String phone) {
    return jdbc.sql("select opted_out from contact where team_id = :team and phone = :phone")
        .param("team", team.id())
        .param("phone", phone)
        .query(Boolean.class)
        .optional()
        .orElse(null);
  }

  private boolean claimed(long id) {
    return jdbc.sql("select lease_owner is not null from schedule where id = :id")
        .param("id", id)
        .query(Boolean.class)
        .single();
  }

  private String status(long id) {
    return team.get(api, "/v1/schedule/" + id).body().at("/meta/status").asString();
  }

  private long schedule(String phone, Instant at) {
    var response =
        team.post(
            api,
            "/v1/schedule",
            """
            {"inbox_id": %d, "execute_at": "%s", "content": {"text": "hello"}, "phone_number": "%s"}
            """
                .formatted(inbox, at, phone));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private static Instant soon(int seconds) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds + 1);
  }

  private static String phone() {
    return "1" + (4_000_000_000L + ThreadLocalRandom.current().nextLong(5_000_000_000L));
  }

  private ApiClient.Response send(Map<String, String> fields, String signature) {
    return TwilioForms.post(api, "/v1/inbound/twilio", fields, signature);
  }

  private static String sign(String url, Map<String, String> fields) {
    return TwilioForms.sign(AUTH_TOKEN, url, fields);
  }
}
