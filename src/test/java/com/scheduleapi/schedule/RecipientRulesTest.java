package com.scheduleapi.schedule;

import static com.scheduleapi.Problems.assertBadData;
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

/** Exactly one recipient, and phones in E.164 digits. */
@ApiTest
class RecipientRulesTest {

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-01-10T16:45:00Z"));
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  /** Creates a schedule from the given members plus a valid inbox and time. */
  private ApiClient.Response create(String members) {
    return team.post(
        api,
        "/v1/schedule",
        "{\"inbox_id\": %d, \"execute_at\": \"2026-01-10T18:00:00Z\", %s}"
            .formatted(team.inboxId(), members));
  }

  private JsonNode created(String members) {
    var response = create(members);
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return team.get(api, "/v1/schedule/" + response.body().get("id").asLong()).body();
  }

  private long rows() {
    return jdbc.sql("select count(*) from schedule where team_id = ?")
        .param(team.id())
        .query(Long.class)
        .single();
  }

  private long list(String phones) {
    return team.post(api, "/v2/lists", "{\"title\": \"L\", \"phones\": [%s]}".formatted(phones))
        .body()
        .get("id")
        .asLong();
  }

  private long conversation(String phone) {
    return team.post(
            api,
            "/v1/conversation",
            "{\"inbox_id\": %d, \"phone_number\": \"%s\"}".formatted(team.inboxId(), phone))
        .body()
        .get("id")
        .asLong();
  }

  @Test
  void sendsToPhoneNumber() {
    var view = created("\"phone_number\": \"14155553434\", \"content\": {\"text\": \"hi\"}");
    assertThat(view.at("/meta/phone_number").asString()).isEqualTo("14155553434");
    assertThat(view.at("/meta/content/to").asString()).isEqualTo("14155553434");
  }

  @Test
  void sendsToContentToAlone() {
    var view = created("\"content\": {\"text\": \"hi\", \"to\": \"+14155553434\"}");
    assertThat(view.at("/meta/phone_number").asString()).isEqualTo("14155553434");
  }

  @Test
  void acceptsPhoneNumberAndContentToWhenEqual() {
    var view =
        created(
            "\"phone_number\": \"+14155553434\","
                + " \"content\": {\"text\": \"hi\", \"to\": \"14155553434\"}");
    assertThat(view.at("/meta/phone_number").asString()).isEqualTo("14155553434");
  }

  @Test
  void rejectsPhoneNumberAndContentToThatDiffer() {
    assertBadData(
        create(
            "\"phone_number\": \"14155553434\","
                + " \"content\": {\"text\": \"hi\", \"to\": \"14155553435\"}"),
        "content.to");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsNoRecipient() {
    assertBadData(create("\"content\": {\"text\": \"hi\"}"), "phone_number");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsTwoRecipients() {
    long list = list("\"14155550001\"");
    assertBadData(
        create(
            "\"phone_number\": \"14155553434\", \"list_id\": %d, \"content\": {\"text\": \"hi\"}"
                .formatted(list)),
        "phone_number",
        "list_id");
    assertBadData(
        create(
            "\"targets\": [\"14155550001\", \"14155550002\"], \"conversation_id\": %d,"
                    .formatted(conversation("14155550003"))
                + " \"content\": {\"text\": \"hi\"}"),
        "targets",
        "conversation_id");
    assertBadData(
        create(
            "\"list_id\": %d, \"content\": {\"text\": \"hi\", \"to\": \"14155553434\"}"
                .formatted(list)),
        "phone_number",
        "list_id");
    assertThat(rows()).isZero();
  }

  @Test
  void sendsToGroupTargetsAsStringsOrObjects() {
    var view =
        created(
            "\"targets\": [\"+14155550001\", {\"phone_number\": \"14155550002\"}],"
                + " \"content\": {\"text\": \"hi\"}");
    assertThat(view.at("/meta/targets").size()).isEqualTo(2);
    assertThat(view.at("/meta/targets/0").asString()).isEqualTo("14155550001");
    assertThat(view.at("/meta/targets/1").asString()).isEqualTo("14155550002");
    assertThat(view.at("/meta/phone_number").isNull()).isTrue();
  }

  @Test
  void acceptsTenTargetsAndRejectsOneOrEleven() {
    StringBuilder ten = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      ten.append(i == 0 ? "" : ",").append("\"141555500").append(10 + i).append('"');
    }
    assertThat(
            created("\"targets\": [" + ten + "], \"content\": {\"text\": \"hi\"}")
                .at("/meta/targets")
                .size())
        .isEqualTo(10);
    assertBadData(
        create("\"targets\": [" + ten + ", \"14155550099\"], \"content\": {\"text\": \"hi\"}"),
        "targets");
    assertBadData(
        create("\"targets\": [\"14155550001\"], \"content\": {\"text\": \"hi\"}"), "targets");
    assertBadData(create("\"targets\": [], \"content\": {\"text\": \"hi\"}"), "targets");
  }

  @Test
  void rejectsBadAndRepeatedTargets() {
    assertBadData(
        create("\"targets\": [\"14155550001\", \"0123\"], \"content\": {\"text\": \"hi\"}"),
        "targets[1]");
    assertBadData(
        create(
            "\"targets\": [\"14155550001\", {\"phone\": \"14155550002\"}],"
                + " \"content\": {\"text\": \"hi\"}"),
        "targets[1].phone_number");
    assertBadData(
        create("\"targets\": [\"14155550001\", \"+14155550001\"], \"content\": {\"text\": \"hi\"}"),
        "targets[1]");
    assertBadData(
        create("\"targets\": \"14155550001\", \"content\": {\"text\": \"hi\"}"), "targets");
  }

  @Test
  void sendsIntoAConversation() {
    long conversation = conversation("14155550007");
    var view =
        created("\"conversation_id\": %d, \"content\": {\"text\": \"hi\"}".formatted(conversation));
    assertThat(view.at("/meta/conversation_id").asLong()).isEqualTo(conversation);
    assertThat(view.at("/meta/phone_number").asString()).isEqualTo("14155550007");
  }

  @Test
  void rejectsAnUnknownConversation() {
    assertBadData(
        create("\"conversation_id\": 999999999, \"content\": {\"text\": \"hi\"}"),
        "conversation_id");
  }

  @Test
  void sendsToAList() {
    long list = list("\"14155550001\", \"14155550002\"");
    var view = created("\"list_id\": %d, \"content\": {\"text\": \"hi\"}".formatted(list));
    assertThat(view.at("/meta/list_id").asLong()).isEqualTo(list);
    assertThat(view.at("/meta/phone_number").isNull()).isTrue();
  }

  @Test
  void rejectsAnUnknownList() {
    assertBadData(create("\"list_id\": 999999999, \"content\": {\"text\": \"hi\"}"), "list_id");
  }

  @Test
  void stripsTheLeadingPlusOfAPhone() {
    assertThat(
            created("\"phone_number\": \"+4930123456\", \"content\": {\"text\": \"hi\"}")
                .at("/meta/phone_number")
                .asString())
        .isEqualTo("4930123456");
  }

  @Test
  void acceptsEightAndFifteenDigits() {
    assertThat(
            created("\"phone_number\": \"12345678\", \"content\": {\"text\": \"hi\"}")
                .at("/meta/phone_number")
                .asString())
        .isEqualTo("12345678");
    assertThat(
            created("\"phone_number\": \"123456789012345\", \"content\": {\"text\": \"hi\"}")
                .at("/meta/phone_number")
                .asString())
        .isEqualTo("123456789012345");
  }

  @Test
  void rejectsPhonesThatAreNotE164() {
    for (String phone :
        new String[] {
          "1234567",
          "1234567890123456",
          "04155553434",
          "1415555343a",
          "+1 415 555 3434",
          "",
          "++14155553434",
          "1415-555-3434"
        }) {
      assertBadData(
          create("\"phone_number\": \"%s\", \"content\": {\"text\": \"hi\"}".formatted(phone)),
          "phone_number");
      assertBadData(
          create("\"content\": {\"text\": \"hi\", \"to\": \"%s\"}".formatted(phone)), "content.to");
    }
    assertThat(rows()).isZero();
  }
}
