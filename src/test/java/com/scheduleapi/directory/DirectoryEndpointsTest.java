package com.scheduleapi.directory;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The directory a schedule refers to: team, members, inboxes, lists, contacts, conversations. */
@ApiTest
class DirectoryEndpointsTest {

  @Autowired ApiClient api;
  @Autowired JdbcClient jdbc;

  ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    team = api.newTeam();
  }

  private JsonNode ok(ApiClient.Response response) {
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body();
  }

  @Test
  void showsTheTeamWithItsOwner() {
    JsonNode body = ok(team.get(api, "/v1/team"));
    assertThat(body.get("id").asLong()).isEqualTo(team.id());
    assertThat(body.get("name").asString()).startsWith("team-");
    assertThat(body.get("members").size()).isEqualTo(1);
    JsonNode owner = body.get("members").get(0);
    assertThat(owner.get("id").asLong()).isEqualTo(team.ownerId());
    assertThat(owner.has("name")).isTrue();
    assertThat(owner.has("email")).isTrue();
    assertThat(owner.get("owner").asBoolean()).isTrue();
  }

  @Test
  void addsAMember() {
    JsonNode member =
        ok(
            team.post(
                api, "/v1/team/members", "{\"name\": \"Ana\", \"email\": \"ana@example.com\"}"));
    assertThat(member.get("id").asLong()).isPositive();
    assertThat(member.get("name").asString()).isEqualTo("Ana");
    assertThat(member.get("email").asString()).isEqualTo("ana@example.com");
    assertThat(member.get("owner").asBoolean()).isFalse();
    assertThat(ok(team.get(api, "/v1/team")).get("members").size()).isEqualTo(2);
    assertBadData(
        team.post(api, "/v1/team/members", "{\"name\": \"\", \"email\": \"nope\"}"),
        "name",
        "email");
  }

  @Test
  void createsListsAndReadsInboxes() {
    JsonNode inbox =
        ok(team.post(api, "/v1/inboxes", "{\"name\": \"Sales\", \"phone\": \"+14155550111\"}"));
    assertThat(inbox.get("name").asString()).isEqualTo("Sales");
    assertThat(inbox.get("phone").asString()).isEqualTo("14155550111");
    long id = inbox.get("id").asLong();
    assertThat(ok(team.get(api, "/v1/inboxes/" + id))).isEqualTo(inbox);
    JsonNode all = ok(team.get(api, "/v1/inboxes"));
    assertThat(all.size()).isEqualTo(2);
    assertThat(all.get(1)).isEqualTo(inbox);
    assertBadData(team.post(api, "/v1/inboxes", "{\"name\": \"X\", \"phone\": \"0123\"}"), "phone");
    assertBadData(team.post(api, "/v1/inboxes", "{\"phone\": \"14155550111\"}"), "name");
    assertProblem(team.get(api, "/v1/inboxes/999999999"), 404, "not_found");
  }

  @Test
  void createsAListWithPhonesAndNamedTargets() {
    JsonNode created =
        ok(
            team.post(
                api,
                "/v2/lists",
                """
                {"title": "VIP", "local_id": "vip-1", "phones": ["+14155550001", "14155550002"],
                 "targets": {"14155550003": {"f": "Ana", "l": "Lima"}}}
                """));
    assertThat(created.get("id").asLong()).isPositive();
    assertThat(created.get("rev").asInt()).isEqualTo(1);
    assertThat(created.get("uuid").asString()).matches("[0-9a-f-]{36}");
    JsonNode list = ok(team.get(api, "/v2/lists/" + created.get("id").asLong()));
    assertThat(list.get("id").asLong()).isEqualTo(created.get("id").asLong());
    assertThat(list.get("name").asString()).isEqualTo("VIP");
    assertThat(list.get("local_id").asString()).isEqualTo("vip-1");
    assertThat(list.get("rev").asInt()).isEqualTo(1);
    assertThat(list.get("created").asString()).endsWith("Z");
    assertThat(list.get("updated").asString()).endsWith("Z");
    JsonNode targets = list.get("targets");
    assertThat(targets.propertyNames())
        .containsExactlyInAnyOrder("14155550001", "14155550002", "14155550003");
    assertThat(targets.at("/14155550003/f").asString()).isEqualTo("Ana");
    assertThat(targets.at("/14155550003/l").asString()).isEqualTo("Lima");
  }

  @Test
  void addsAndRemovesPhonesOfAList() {
    long id =
        ok(team.post(
                api,
                "/v2/lists",
                "{\"title\": \"L\", \"phones\": [\"14155550001\", \"14155550002\"]}"))
            .get("id")
            .asLong();
    JsonNode updated =
        ok(
            team.put(
                api,
                "/v2/lists/" + id,
                """
                {"add_phones": ["14155550004"], "remove_phones": ["+14155550001"],
                 "add_targets": {"14155550002": {"f": "Bo", "l": "Berg"}}}
                """));
    assertThat(updated.get("rev").asInt()).isEqualTo(2);
    assertThat(updated.get("targets").propertyNames())
        .containsExactlyInAnyOrder("14155550002", "14155550004");
    assertThat(updated.at("/targets/14155550002/f").asString()).isEqualTo("Bo");
    assertThat(ok(team.get(api, "/v2/lists/" + id))).isEqualTo(updated);
    assertBadData(team.put(api, "/v2/lists/" + id, "{\"add_phones\": [\"abc\"]}"), "add_phones[0]");
    assertBadData(
        team.put(api, "/v2/lists/" + id, "{\"remove_phones\": [\"1\"]}"), "remove_phones[0]");
    assertThat(ok(team.get(api, "/v2/lists/" + id)).get("rev").asInt()).isEqualTo(2);
  }

  @Test
  void rejectsABadList() {
    assertBadData(team.post(api, "/v2/lists", "{\"phones\": [\"14155550001\"]}"), "title");
    assertBadData(
        team.post(api, "/v2/lists", "{\"title\": \"L\", \"phones\": [\"1234567\"]}"), "phones[0]");
    assertBadData(
        team.post(
            api,
            "/v2/lists",
            "{\"title\": \"L\", \"local_id\": \"%s\"}".formatted("x".repeat(256))),
        "local_id");
  }

  @Test
  void refusesASecondListWithTheSameLocalId() {
    ok(team.post(api, "/v2/lists", "{\"title\": \"L\", \"local_id\": \"dup\"}"));
    assertProblem(
        team.post(api, "/v2/lists", "{\"title\": \"M\", \"local_id\": \"dup\"}"), 409, "conflict");
  }

  @Test
  void deletesAList() {
    long id =
        ok(team.post(api, "/v2/lists", "{\"title\": \"L\", \"phones\": [\"14155550001\"]}"))
            .get("id")
            .asLong();
    JsonNode deleted = ok(team.delete(api, "/v2/lists/" + id));
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    assertThat(deleted.get("id").asLong()).isEqualTo(id);
    assertProblem(team.get(api, "/v2/lists/" + id), 404, "not_found");
    assertProblem(team.delete(api, "/v2/lists/" + id), 404, "not_found");
    assertThat(
            jdbc.sql("select count(*) from contact_list_phone where list_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void putsAContactAndItsOptOut() {
    JsonNode contact =
        ok(
            team.put(
                api,
                "/v1/contacts/+14155550005",
                "{\"first\": \"Cy\", \"last\": \"Cole\", \"opted_out\": true}"));
    assertThat(contact.get("phone_number").asString()).isEqualTo("14155550005");
    assertThat(contact.get("first").asString()).isEqualTo("Cy");
    assertThat(contact.get("last").asString()).isEqualTo("Cole");
    assertThat(contact.get("opted_out").asBoolean()).isTrue();
    JsonNode back =
        ok(team.put(api, "/v1/contacts/14155550005", "{\"first\": \"Cy\", \"opted_out\": false}"));
    assertThat(back.get("opted_out").asBoolean()).isFalse();
    assertThat(
            jdbc.sql("select opted_out from contact where team_id = ? and phone = ?")
                .params(team.id(), "14155550005")
                .query(Boolean.class)
                .single())
        .isFalse();
    assertBadData(team.put(api, "/v1/contacts/12", "{\"opted_out\": true}"), "phone");
  }

  @Test
  void keepsAnOptOutWhenAnUpdateLeavesItOut() {
    ok(team.put(api, "/v1/contacts/14155550006", "{\"first\": \"Di\", \"opted_out\": true}"));

    JsonNode renamed = ok(team.put(api, "/v1/contacts/14155550006", "{\"first\": \"Dina\"}"));

    assertThat(renamed.get("first").asString()).isEqualTo("Dina");
    assertThat(renamed.get("opted_out").asBoolean()).isTrue();
  }

  @Test
  void answersTheSameConversationForTheSamePair() {
    String body = "{\"inbox_id\": %d, \"phone_number\": \"%s\"}";
    JsonNode first =
        ok(team.post(api, "/v1/conversation", body.formatted(team.inboxId(), "14155550006")));
    assertThat(first.get("inbox_id").asLong()).isEqualTo(team.inboxId());
    assertThat(first.get("phone_number").asString()).isEqualTo("14155550006");
    JsonNode again =
        ok(team.post(api, "/v1/conversation", body.formatted(team.inboxId(), "+14155550006")));
    assertThat(again.get("id").asLong()).isEqualTo(first.get("id").asLong());
    JsonNode other =
        ok(team.post(api, "/v1/conversation", body.formatted(team.inboxId(), "14155550007")));
    assertThat(other.get("id").asLong()).isNotEqualTo(first.get("id").asLong());
    assertBadData(
        team.post(api, "/v1/conversation", body.formatted(team.inboxId(), "x")), "phone_number");
    assertBadData(
        team.post(api, "/v1/conversation", "{\"phone_number\": \"14155550006\"}"), "inbox_id");
  }

  @Test
  void createsAndReadsATemplate() {
    JsonNode created =
        ok(
            team.post(
                api,
                "/v1/template",
                """
                {"title": "Hello", "local_id": "t-1",
                 "content": {"text": "Hi {{first_name}} {{last_name}}",
                             "gallery": [{"url": "https://example.com/a.png"}]}}
                """));
    assertThat(created.get("rev").asInt()).isEqualTo(1);
    assertThat(created.get("uuid").asString()).matches("[0-9a-f-]{36}");
    JsonNode template = ok(team.get(api, "/v1/template/" + created.get("id").asLong()));
    assertThat(template.get("title").asString()).isEqualTo("Hello");
    assertThat(template.get("local_id").asString()).isEqualTo("t-1");
    assertThat(template.at("/content/text").asString())
        .isEqualTo("Hi {{first_name}} {{last_name}}");
    assertThat(template.at("/content/gallery/0/url").asString())
        .isEqualTo("https://example.com/a.png");
    assertProblem(team.get(api, "/v1/template/999999999"), 404, "not_found");
  }

  @Test
  void rejectsABadTemplate() {
    assertBadData(team.post(api, "/v1/template", "{\"content\": {\"text\": \"x\"}}"), "title");
    assertBadData(team.post(api, "/v1/template", "{\"title\": \"T\", \"content\": {}}"), "content");
    assertBadData(
        team.post(
            api,
            "/v1/template",
            "{\"title\": \"T\", \"content\": {\"text\": \"%s\"}}".formatted("x".repeat(1601))),
        "content.text");
    assertBadData(
        team.post(
            api,
            "/v1/template",
            "{\"title\": \"T\", \"content\": {\"gallery\": [{\"url\": \"file:///etc/passwd\"}]}}"),
        "content.gallery[0].url");
  }
}
