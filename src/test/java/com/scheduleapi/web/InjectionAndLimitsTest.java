package com.scheduleapi.web;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SQL metacharacters and Unicode edge cases in every string field are stored and answered verbatim;
 * oversized headers and lists are refused with a 4xx problem, or accepted consistently.
 */
@ApiTest
class InjectionAndLimitsTest {

  private static final String LONG_LOCAL_ID =
      "x'\"; drop table schedule; -- ".repeat(9).substring(0, 255);

  /** Strings a careless store would break: quotes, comments, wildcards, emoji, RTL, combining. */
  static final List<String> NASTY =
      List.of(
          "'; drop table schedule; --",
          "Robert'); DROP TABLE team;--",
          "\" OR \"1\"=\"1",
          "100% _wild_ \\ back\\slash $$ dollar $1",
          "emoji 😀👍🏽👨‍👩‍👧‍👦 flags 🇳🇱",
          "مرحبا بالعالم \u202Eevil\u202C שלום",
          "e\u0301\u0302\u0303 Z\u0351\u0352\u0353 a\u200Bb\uFEFF",
          "line\nbreak\ttab\r\n{{first_name}} <script>alert(1)</script>",
          "\uD834\uDD1E musical G clef, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
          LONG_LOCAL_ID);

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
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

  @Test
  void storesAndAnswersNastyStringsVerbatimInEveryField() {
    int phone = 0;
    for (String value : NASTY) {
      String recipient = "1415555" + "%04d".formatted(++phone);

      ObjectNode schedule = scheduleBody(recipient);
      schedule.put("local_id", value);
      ObjectNode content = schedule.putObject("content");
      content.put("text", value);
      ObjectNode attachment = content.putArray("attachments").addObject();
      attachment.put("url", "https://example.com/a.png?q=%27%3B");
      attachment.put("type", "image/png");
      attachment.put("name", value);
      var created = team.post(api, "/v1/schedule", write(schedule));
      assertThat(created.status()).as("%s: %s", value, created.raw()).isEqualTo(200);
      assertThat(created.body().get("local_id").asString()).isEqualTo(value);
      long id = created.body().get("id").asLong();
      JsonNode view = team.get(api, "/v1/schedule/" + id).body();
      assertThat(view.get("local_id").asString()).isEqualTo(value);
      assertThat(view.at("/meta/content/text").asString()).isEqualTo(value);
      assertThat(view.at("/meta/content/attachments/0/name").asString()).isEqualTo(value);
      JsonNode found =
          team.get(
                  api, "/v1/schedules?local_id=" + URLEncoder.encode(value, StandardCharsets.UTF_8))
              .body()
              .get("items");
      assertThat(found).hasSize(1);
      assertThat(found.get(0).get("id").asLong()).isEqualTo(id);
      // The same local_id and body answer the first id again: the comparison is exact.
      assertThat(team.post(api, "/v1/schedule", write(schedule)).body().get("id").asLong())
          .isEqualTo(id);

      ObjectNode list = api.json().createObjectNode();
      list.put("title", value);
      list.put("local_id", value);
      list.putArray("phones");
      ObjectNode names = list.putObject("targets").putObject(recipient);
      names.put("f", value);
      names.put("l", value);
      var createdList = team.post(api, "/v2/lists", write(list));
      assertThat(createdList.status()).as(createdList.raw()).isEqualTo(200);
      JsonNode listView =
          team.get(api, "/v2/lists/" + createdList.body().get("id").asLong()).body();
      assertThat(listView.get("name").asString()).isEqualTo(value);
      assertThat(listView.get("local_id").asString()).isEqualTo(value);
      assertThat(listView.at("/targets/" + recipient + "/f").asString()).isEqualTo(value);
      assertThat(listView.at("/targets/" + recipient + "/l").asString()).isEqualTo(value);

      ObjectNode inbox = api.json().createObjectNode();
      inbox.put("name", value);
      inbox.put("phone", "14155550100");
      var createdInbox = team.post(api, "/v1/inboxes", write(inbox));
      assertThat(createdInbox.status()).as(createdInbox.raw()).isEqualTo(200);
      assertThat(
              team.get(api, "/v1/inboxes/" + createdInbox.body().get("id").asLong())
                  .body()
                  .get("name")
                  .asString())
          .isEqualTo(value);

      ObjectNode member = api.json().createObjectNode();
      member.put("name", value);
      member.put("email", "m" + phone + "@example.com");
      var createdMember = team.post(api, "/v1/team/members", write(member));
      assertThat(createdMember.status()).as(createdMember.raw()).isEqualTo(200);
      assertThat(createdMember.body().get("name").asString()).isEqualTo(value);

      ObjectNode contact = api.json().createObjectNode();
      contact.put("first", value);
      contact.put("last", value);
      var putContact = team.put(api, "/v1/contacts/" + recipient, write(contact));
      assertThat(putContact.status()).as(putContact.raw()).isEqualTo(200);
      assertThat(putContact.body().get("first").asString()).isEqualTo(value);
      assertThat(putContact.body().get("last").asString()).isEqualTo(value);

      ObjectNode template = api.json().createObjectNode();
      template.put("title", value);
      template.put("local_id", value);
      template.putObject("content").put("text", value);
      var createdTemplate = team.post(api, "/v1/template", write(template));
      assertThat(createdTemplate.status()).as(createdTemplate.raw()).isEqualTo(200);
      JsonNode templateView =
          team.get(api, "/v1/template/" + createdTemplate.body().get("id").asLong()).body();
      assertThat(templateView.get("title").asString()).isEqualTo(value);
      assertThat(templateView.get("local_id").asString()).isEqualTo(value);
      assertThat(templateView.at("/content/text").asString()).isEqualTo(value);
    }

    assertThat(team.get(api, "/v1/team").body().get("members")).hasSize(1 + NASTY.size());
    assertThat(
            jdbc.sql("select count(*) from schedule where team_id = ?")
                .param(team.id())
                .query(Long.class)
                .single())
        .isEqualTo(NASTY.size());
  }

  @Test
  void storesTheLongestTextAllowedInAstralCharacters() {
    String text = "👨‍👩‍👧".repeat(320); // 5 code points each: 1,600 in all, 2,560 UTF-16 units
    ObjectNode schedule = scheduleBody("14155551234");
    schedule.putObject("content").put("text", text);
    var created = team.post(api, "/v1/schedule", write(schedule));
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    assertThat(
            team.get(api, "/v1/schedule/" + created.body().get("id").asLong())
                .body()
                .at("/meta/content/text")
                .asString())
        .isEqualTo(text);
  }

  @Test
  void refusesAHeaderOverSixteenKilobytes() {
    var response =
        api.send(
            "GET",
            "/v1/team",
            null,
            Map.of("Authorization", "Bearer " + team.apiKey(), "X-Padding", "p".repeat(17 * 1024)));
    assertThat(response.status()).as(response.raw()).isIn(400, 431);
    assertProblem(response, response.status(), response.status() == 431 ? "too_large" : "bad_data");
  }

  @Test
  void refusesElevenAttachmentsAndElevenTargets() {
    ObjectNode attachments = scheduleBody("14155551234");
    ArrayNode eleven = attachments.putObject("content").putArray("attachments");
    for (int i = 0; i < 11; i++) {
      ObjectNode a = eleven.addObject();
      a.put("url", "https://example.com/" + i + ".png");
      a.put("type", "image/png");
      a.put("name", "a" + i);
    }
    assertBadData(team.post(api, "/v1/schedule", write(attachments)), "content.attachments");

    ObjectNode targets = scheduleBody(null);
    ArrayNode phones = targets.putArray("targets");
    for (int i = 0; i < 11; i++) {
      phones.add("141555500" + "%02d".formatted(i));
    }
    targets.putObject("content").put("text", "hi");
    assertBadData(team.post(api, "/v1/schedule", write(targets)), "targets");
    assertThat(rows()).isZero();
  }

  @Test
  void takesAListOfSixtyThousandPhonesWithinOneMebibyteWhole() {
    int count = 60_000;
    StringBuilder body = new StringBuilder("{\"title\":\"big\",\"phones\":[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",").append('"').append(14_150_000_000L + i).append('"');
    }
    body.append("]}");
    assertThat(body.length()).isLessThan(1024 * 1024);
    long started = System.nanoTime();
    var created = team.post(api, "/v2/lists", body.toString());
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (created.status() == 200) {
      JsonNode list = team.get(api, "/v2/lists/" + created.body().get("id").asLong()).body();
      assertThat(list.get("targets").size()).isEqualTo(count);
    } else {
      assertThat(created.status()).as(created.raw()).isBetween(400, 499);
      assertThat(created.header("Content-Type")).startsWith("application/problem+json");
    }
    System.out.printf(
        "RELIABILITY big-list: phones=%d bytes=%d status=%d millis=%d%n",
        count, body.length(), created.status(), millis);
  }

  @Test
  void refusesAHugeLimitAndAGarbageCursor() {
    assertBadData(team.get(api, "/v1/schedules?limit=100000"), "limit");
    assertThat(team.get(api, "/v1/schedules?cursor=" + "%27%3B--".repeat(1000)).status())
        .isEqualTo(400);
  }

  @Test
  void refusesAQueryParameterWithoutAName() {
    assertBadData(team.get(api, "/v1/schedules?=x"), "query");
    assertBadData(team.get(api, "/v1/schedules?limit=5&=" + "%00".repeat(300)), "query");
  }

  @Test
  void refusesAWildcardContentType() {
    ObjectNode body = scheduleBody("14155551234");
    body.putObject("content").put("text", "hi");
    assertProblem(
        api.send(
            "POST",
            "/v1/schedule",
            write(body),
            Map.of("Authorization", "Bearer " + team.apiKey(), "Content-Type", "*/*")),
        415,
        "unsupported_media_type");
    assertThat(rows()).isZero();
  }

  @Test
  void refusesACreateThatAsksForAnotherCharsetBeforeWritingIt() {
    ObjectNode body = scheduleBody("14155551234");
    body.putObject("content").put("text", "hi");
    assertProblem(
        api.send(
            "POST",
            "/v1/schedule",
            write(body),
            Map.of(
                "Authorization",
                "Bearer " + team.apiKey(),
                "Accept",
                "application/json; charset=ISO-8859-1")),
        406,
        "not_acceptable");
    assertThat(rows()).isZero();
    var utf8 =
        api.send(
            "POST",
            "/v1/schedule",
            write(body),
            Map.of(
                "Authorization",
                "Bearer " + team.apiKey(),
                "Accept",
                "application/json;charset=UTF-8"));
    assertThat(utf8.status()).as(utf8.raw()).isEqualTo(200);
    assertThat(rows()).isOne();
  }

  private ObjectNode scheduleBody(String phone) {
    ObjectNode body = api.json().createObjectNode();
    body.put("inbox_id", team.inboxId());
    body.put("execute_at", "2026-01-10T18:00:00Z");
    if (phone != null) {
      body.put("phone_number", phone);
    }
    return body;
  }

  private long rows() {
    return jdbc.sql("select count(*) from schedule where team_id = ?")
        .param(team.id())
        .query(Long.class)
        .single();
  }

  private String write(JsonNode node) {
    return api.json().writeValueAsString(node);
  }
}
