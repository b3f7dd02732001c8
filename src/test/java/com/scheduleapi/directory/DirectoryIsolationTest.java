package com.scheduleapi.directory;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Team B cannot see or change team A's inboxes, lists, templates, conversations or contacts. */
@ApiTest
class DirectoryIsolationTest {

  @Autowired ApiClient api;
  @Autowired JdbcClient jdbc;

  ApiClient.TeamAccess a;
  ApiClient.TeamAccess b;

  @BeforeEach
  void setUp() {
    a = api.newTeam();
    b = api.newTeam();
  }

  @Test
  void hidesAnotherTeamsInbox() {
    assertProblem(b.get(api, "/v1/inboxes/" + a.inboxId()), 404, "not_found");
    JsonNode theirs = b.get(api, "/v1/inboxes").body();
    assertThat(theirs.size()).isEqualTo(1);
    assertThat(theirs.get(0).get("id").asLong()).isEqualTo(b.inboxId());
  }

  @Test
  void hidesAndProtectsAnotherTeamsList() {
    long list =
        a.post(api, "/v2/lists", "{\"title\": \"A\", \"phones\": [\"14155550001\"]}")
            .body()
            .get("id")
            .asLong();
    JsonNode before = a.get(api, "/v2/lists/" + list).body();
    assertProblem(b.get(api, "/v2/lists/" + list), 404, "not_found");
    assertProblem(
        b.put(
            api,
            "/v2/lists/" + list,
            "{\"add_phones\": [\"14155550009\"], \"remove_phones\": [\"14155550001\"]}"),
        404,
        "not_found");
    assertProblem(b.delete(api, "/v2/lists/" + list), 404, "not_found");
    assertThat(a.get(api, "/v2/lists/" + list).body()).isEqualTo(before);
  }

  @Test
  void hidesAnotherTeamsTemplate() {
    long template =
        a.post(api, "/v1/template", "{\"title\": \"T\", \"content\": {\"text\": \"secret\"}}")
            .body()
            .get("id")
            .asLong();
    var response = b.get(api, "/v1/template/" + template);
    assertProblem(response, 404, "not_found");
    assertThat(response.raw()).doesNotContain("secret");
  }

  @Test
  void refusesAnotherTeamsInboxForAConversation() {
    assertBadData(
        b.post(
            api,
            "/v1/conversation",
            "{\"inbox_id\": %d, \"phone_number\": \"14155550002\"}".formatted(a.inboxId())),
        "inbox_id");
    assertThat(
            jdbc.sql("select count(*) from conversation where inbox_id = ?")
                .param(a.inboxId())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void keepsContactsPerTeam() {
    assertThat(
            a.put(api, "/v1/contacts/14155550003", "{\"first\": \"Ana\", \"opted_out\": true}")
                .status())
        .isEqualTo(200);
    var theirs =
        b.put(api, "/v1/contacts/14155550003", "{\"first\": \"Bo\", \"opted_out\": false}");
    assertThat(theirs.status()).isEqualTo(200);
    Map<String, Object> ours =
        jdbc.sql("select first_name, opted_out from contact where team_id = ? and phone = ?")
            .params(a.id(), "14155550003")
            .query()
            .singleRow();
    assertThat(ours).containsEntry("first_name", "Ana").containsEntry("opted_out", true);
  }

  @Test
  void showsOnlyTheTeamsOwnMembers() {
    a.post(api, "/v1/team/members", "{\"name\": \"Ana\", \"email\": \"ana@example.com\"}");
    JsonNode team = b.get(api, "/v1/team").body();
    assertThat(team.get("id").asLong()).isEqualTo(b.id());
    assertThat(team.get("members").size()).isEqualTo(1);
    assertThat(team.get("members").get(0).get("id").asLong()).isEqualTo(b.ownerId());
  }
}
