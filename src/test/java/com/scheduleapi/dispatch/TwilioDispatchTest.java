package com.scheduleapi.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.scheduleapi.ApiClient;
import com.scheduleapi.DispatchTest;
import com.scheduleapi.TwilioForms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The dispatcher sending through the Twilio sender to WireMock answering as Twilio's Messages API
 * does (CONTRACT §13): a group phone by phone, error codes, and status callbacks signed as Twilio
 * signs them. The signature is computed here from Twilio's documented algorithm, not by the
 * service's code.
 */
@DispatchTest
@TestPropertySource(
    properties = {
      "schedule.sender.type=twilio",
      "schedule.sender.twilio.account-sid=" + TwilioDispatchTest.ACCOUNT,
      "schedule.sender.twilio.auth-token=" + TwilioDispatchTest.TOKEN,
      "schedule.sender.twilio.messaging-service-sid=" + TwilioDispatchTest.SERVICE,
      "schedule.public-url=" + TwilioDispatchTest.PUBLIC_URL
    })
class TwilioDispatchTest {

  static final String ACCOUNT = "AC11111111111111111111111111111111";
  static final String TOKEN = "twilio-dispatch-test-token";
  static final String SERVICE = "MG22222222222222222222222222222222";
  static final String PUBLIC_URL = "https://sms.example.org";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final String CALLBACK = PUBLIC_URL + "/v1/inbound/twilio/status";
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    twilio.start();
  }

  @DynamicPropertySource
  static void twilioAtWireMock(DynamicPropertyRegistry registry) {
    registry.add("schedule.sender.twilio.base-url", twilio::baseUrl);
  }

  @AfterAll
  static void stopTwilio() {
    twilio.stop();
  }

  @Autowired ApiClient api;
  @Autowired JdbcClient jdbc;
  private ApiClient.TeamAccess team;

  @BeforeEach
  void newTeam() {
    team = api.newTeam();
  }

  @Test
  void sendsAGroupPhoneByPhoneAndRetriesOnlyThePhoneThatFailed() {
    String one = WebhookDispatchTest.phone();
    String two = WebhookDispatchTest.phone();
    String three = WebhookDispatchTest.phone();
    twilio.stubFor(accepts(one));
    // The second phone's first post meets a 503; its retry is accepted.
    twilio.stubFor(
        to(two)
            .inScenario(two)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(twilioError(503, 20503, "Service Unavailable"))
            .willSetStateTo("up"));
    twilio.stubFor(to(two).inScenario(two).whenScenarioStateIs("up").willReturn(created(two)));
    twilio.stubFor(accepts(three));
    long id = schedule("\"targets\":[\"" + one + "\",\"" + two + "\",\"" + three + "\"]");

    await().atMost(PATIENCE).until(() -> status(id).equals("sent"));

    assertThat(posts(one)).as("phone 1 is posted once, not again with phone 2's retry").isOne();
    assertThat(posts(two)).isEqualTo(2);
    assertThat(posts(three)).isOne();
    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withBasicAuth(new BasicCredentials(ACCOUNT, TOKEN))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withRequestBody(containing("To=%2B" + one))
            .withRequestBody(containing("MessagingServiceSid=" + SERVICE))
            .withRequestBody(notContaining("From="))
            .withRequestBody(containing("Body=Hello+group"))
            .withRequestBody(
                containing(
                    "StatusCallback=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8))));
    Map<String, JsonNode> deliveries = deliveries(id);
    assertThat(deliveries).containsOnlyKeys(one, two, three);
    assertThat(deliveries.values()).allMatch(d -> d.get("status").asString().equals("sent"));
    assertThat(deliveries.get(one).get("attempts").asInt()).isOne();
    assertThat(deliveries.get(two).get("attempts").asInt()).isEqualTo(2);
    assertThat(deliveries.get(two).get("provider_message_id").asString()).isEqualTo(sid(two));
    JsonNode view = team.get(api, "/v1/schedule/" + id).body();
    assertThat(view.at("/meta/recipients").asInt()).isEqualTo(3);
    assertThat(view.at("/meta/sent").asInt()).isEqualTo(3);
  }

  @Test
  void readsTwilioErrorCodes() {
    String unsubscribed = WebhookDispatchTest.phone();
    String invalid = WebhookDispatchTest.phone();
    String landline = WebhookDispatchTest.phone();
    String busy = WebhookDispatchTest.phone();
    twilio.stubFor(
        to(unsubscribed)
            .willReturn(twilioError(400, 21610, "Attempt to send to unsubscribed recipient")));
    twilio.stubFor(
        to(invalid)
            .willReturn(
                twilioError(
                    400, 21211, "The 'To' number " + invalid + " is not a valid phone number.")));
    twilio.stubFor(
        to(landline)
            .willReturn(twilioError(400, 21614, "'To' number is not a valid mobile number")));
    // Too many requests (not an attempt), then a server error (an attempt), then accepted.
    twilio.stubFor(
        to(busy)
            .inScenario(busy)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(twilioError(429, 20429, "Too Many Requests"))
            .willSetStateTo("slow"));
    twilio.stubFor(
        to(busy)
            .inScenario(busy)
            .whenScenarioStateIs("slow")
            .willReturn(twilioError(500, 20500, "Internal Server Error"))
            .willSetStateTo("up"));
    twilio.stubFor(to(busy).inScenario(busy).whenScenarioStateIs("up").willReturn(created(busy)));
    long skipped = schedule("\"phone_number\":\"" + unsubscribed + "\"");
    long failed = schedule("\"phone_number\":\"" + invalid + "\"");
    long notMobile = schedule("\"phone_number\":\"" + landline + "\"");
    long retried = schedule("\"phone_number\":\"" + busy + "\"");

    await()
        .atMost(PATIENCE)
        .until(
            () -> List.of(skipped, failed, notMobile, retried).stream().noneMatch(this::sending));

    JsonNode optedOut = deliveries(skipped).get(unsubscribed);
    assertThat(optedOut.get("status").asString()).isEqualTo("skipped");
    assertThat(optedOut.get("error").asString()).contains("21610");
    assertThat(
            jdbc.sql("select opted_out from contact where team_id = :team and phone = :phone")
                .param("team", team.id())
                .param("phone", unsubscribed)
                .query(Boolean.class)
                .optional())
        .as("the contact is opted out for the team")
        .contains(true);
    for (var number : Map.of(failed, invalid, notMobile, landline).entrySet()) {
      JsonNode delivery = deliveries(number.getKey()).get(number.getValue());
      assertThat(delivery.get("status").asString()).isEqualTo("failed");
      assertThat(delivery.get("attempts").asInt()).as("no retry").isOne();
      assertThat(posts(number.getValue())).isOne();
    }
    assertThat(deliveries(failed).get(invalid).get("error").asString())
        .isEqualTo("Twilio 21211: The 'To' number " + invalid + " is not a valid phone number.");
    assertThat(deliveries(notMobile).get(landline).get("error").asString())
        .isEqualTo("Twilio 21614: 'To' number is not a valid mobile number");
    JsonNode sent = deliveries(retried).get(busy);
    assertThat(sent.get("status").asString()).isEqualTo("sent");
    assertThat(sent.get("attempts").asInt()).as("the 429 is no attempt, the 500 is").isEqualTo(2);
    assertThat(posts(busy)).isEqualTo(3);
  }

  @Test
  void statusCallbacksMoveADeliveryOnOnceAndNeverBack() {
    String single = WebhookDispatchTest.phone();
    String first = WebhookDispatchTest.phone();
    String second = WebhookDispatchTest.phone();
    List.of(single, first, second).forEach(p -> twilio.stubFor(accepts(p)));
    // A receipt that overtakes its message's sent outcome is kept and applied once that is written.
    assertThat(signed(sid(second), "delivered", null).status()).isEqualTo(200);
    long one = schedule("\"phone_number\":\"" + single + "\"");
    long group = schedule("\"targets\":[\"" + first + "\",\"" + second + "\"]");
    await()
        .atMost(PATIENCE)
        .until(() -> status(one).equals("sent") && status(group).equals("sent"));

    assertProblem(callback(sid(single), "delivered", null, "bm90IGl0"), 403, "forbidden");
    Map<String, String> tampered = fields(sid(single), "undelivered", "30007");
    String signature = sign(CALLBACK, fields(sid(single), "delivered", null));
    assertProblem(send(tampered, signature), 403, "forbidden");
    assertThat(deliveries(one).get(single).get("status").asString()).isEqualTo("sent");

    // Out of order: sent after delivered, and undelivered after delivered, change nothing.
    assertThat(signed(sid(single), "sent", null).status()).isEqualTo(200);
    assertThat(signed(sid(single), "delivered", null).status()).isEqualTo(200);
    assertThat(signed(sid(single), "sent", null).status()).isEqualTo(200);
    assertThat(signed(sid(single), "undelivered", "30007").status()).isEqualTo(200);
    assertThat(signed(sid(first), "undelivered", "30007").status()).isEqualTo(200);
    assertThat(signed(sid(first), "delivered", null).status()).isEqualTo(200);
    assertThat(signed(sid(second), "queued", null).status()).isEqualTo(200);
    assertThat(signed("SM" + "f".repeat(32), "delivered", null).status()).isEqualTo(200);

    JsonNode delivered = deliveries(one).get(single);
    assertThat(delivered.get("status").asString()).isEqualTo("delivered");
    assertThat(delivered.get("error").isNull()).isTrue();
    Map<String, JsonNode> phones = deliveries(group);
    assertThat(phones.get(first).get("status").asString()).isEqualTo("undelivered");
    assertThat(phones.get(first).get("error").asString()).isEqualTo("30007");
    await()
        .atMost(PATIENCE)
        .until(() -> deliveries(group).get(second).get("status").asString().equals("delivered"));
    JsonNode view = team.get(api, "/v1/schedule/" + group).body();
    assertThat(view.at("/meta/sent").asInt()).as("a receipt leaves it sent").isEqualTo(2);
    assertThat(eventPhones("delivery.delivered")).containsExactlyInAnyOrder(single, second);
    assertThat(eventPhones("delivery.undelivered")).containsExactly(first);
  }

  private static MappingBuilder to(String phone) {
    return post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=%2B" + phone + "&"));
  }

  private static MappingBuilder accepts(String phone) {
    return to(phone).willReturn(created(phone));
  }

  /** Twilio's 201 for a new message (abridged). */
  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(
      String phone) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"sid":"%s","account_sid":"%s","messaging_service_sid":"%s","to":"+%s",
             "status":"accepted","num_segments":"0","direction":"outbound-api",
             "error_code":null,"error_message":null}
            """
                .formatted(sid(phone), ACCOUNT, SERVICE, phone));
  }

  /** Twilio's error answer. */
  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder twilioError(
      int status, int code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"code":%d,"message":"%s","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}
            """
                .formatted(code, message, code, status));
  }

  private static String sid(String phone) {
    return "SM" + phone + "0".repeat(32 - phone.length());
  }

  private static int posts(String phone) {
    return twilio
        .findAll(
            postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing("To=%2B" + phone + "&")))
        .size();
  }

  private ApiClient.Response signed(String sid, String status, String errorCode) {
    Map<String, String> fields = fields(sid, status, errorCode);
    return send(fields, sign(CALLBACK, fields));
  }

  private ApiClient.Response callback(
      String sid, String status, String errorCode, String signature) {
    return send(fields(sid, status, errorCode), signature);
  }

  /** The fields of Twilio's status callback for an outbound message. */
  private static Map<String, String> fields(String sid, String status, String errorCode) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("AccountSid", ACCOUNT);
    fields.put("ApiVersion", "2010-04-01");
    fields.put("MessageSid", sid);
    fields.put("MessageStatus", status);
    fields.put("MessagingServiceSid", SERVICE);
    fields.put("SmsSid", sid);
    fields.put("SmsStatus", status);
    fields.put("To", "+14155550111");
    fields.put("From", "+14155550100");
    if (errorCode != null) {
      fields.put("ErrorCode", errorCode);
    }
    return fields;
  }

  private long schedule(String recipient) {
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
    var response =
        team.post(
            api,
            "/v1/schedule",
            "{\"inbox_id\":%d,\"execute_at\":\"%s\",\"content\":{\"text\":\"Hello group\"},%s}"
                .formatted(team.inboxId(), due, recipient));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private String status(long id) {
    return team.get(api, "/v1/schedule/" + id).body().at("/meta/status").asString();
  }

  private boolean sending(long id) {
    return List.of("scheduled", "sending").contains(status(id));
  }

  /** A schedule's deliveries by phone. */
  private Map<String, JsonNode> deliveries(long id) {
    Map<String, JsonNode> byPhone = new LinkedHashMap<>();
    team.get(api, "/v1/schedule/" + id + "/deliveries")
        .body()
        .get("items")
        .forEach(d -> byPhone.put(d.get("phone_number").asString(), d));
    return byPhone;
  }

  private List<String> eventPhones(String type) {
    return team.get(api, "/v1/events?type=" + type)
        .body()
        .get("items")
        .findValuesAsString("phone_number");
  }

  private ApiClient.Response send(Map<String, String> fields, String signature) {
    return TwilioForms.post(api, "/v1/inbound/twilio/status", fields, signature);
  }

  private static String sign(String url, Map<String, String> fields) {
    return TwilioForms.sign(TOKEN, url, fields);
  }
}
