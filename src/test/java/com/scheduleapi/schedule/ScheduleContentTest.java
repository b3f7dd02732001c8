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

/** What a message may hold, who sends it, and the other fields of the create body. */
@ApiTest
class ScheduleContentTest {

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

  private ApiClient.Response create(String members) {
    return team.post(
        api,
        "/v1/schedule",
        ("{\"inbox_id\": %d, \"execute_at\": \"2026-01-10T18:00:00Z\","
                + " \"phone_number\": \"14155553434\", %s}")
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

  private long template(ApiClient.TeamAccess owner) {
    return owner
        .post(
            api,
            "/v1/template",
            "{\"title\": \"T\", \"content\": {\"text\": \"Hi {{first_name}}\"}}")
        .body()
        .get("id")
        .asLong();
  }

  @Test
  void acceptsSixteenHundredCharacters() {
    String text = "x".repeat(1600);
    assertThat(
            created("\"content\": {\"text\": \"%s\"}".formatted(text))
                .at("/meta/content/text")
                .asString())
        .isEqualTo(text);
  }

  @Test
  void countsCharactersNotUtf16Units() {
    String text = "😀".repeat(1600);
    assertThat(create("\"content\": {\"text\": \"%s\"}".formatted(text)).status()).isEqualTo(200);
  }

  @Test
  void rejectsSixteenHundredAndOneCharacters() {
    assertBadData(
        create("\"content\": {\"text\": \"%s\"}".formatted("x".repeat(1601))), "content.text");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsEmptyContent() {
    assertBadData(create("\"content\": {}"), "content");
    assertBadData(create("\"content\": {\"text\": \"\"}"), "content");
    assertBadData(create("\"content\": null"), "content");
    assertBadData(create("\"content\": \"hi\""), "content");
    assertThat(rows()).isZero();
  }

  @Test
  void rejectsContentWithOnlyARecipient() {
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            "{\"inbox_id\": %d, \"execute_at\": \"2026-01-10T18:00:00Z\", \"content\": {\"to\": \"14155553434\"}}"
                .formatted(team.inboxId())),
        "content");
  }

  @Test
  void acceptsTenAttachmentsWithWebUrls() {
    StringBuilder ten = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      ten.append(i == 0 ? "" : ",")
          .append(
              "{\"url\": \"https://example.com/%d.png\", \"type\": \"image/png\", \"name\": \"%d.png\"}"
                  .formatted(i, i));
    }
    var view = created("\"content\": {\"attachments\": [" + ten + "]}");
    assertThat(view.at("/meta/content/attachments").size()).isEqualTo(10);
    assertBadData(
        create(
            "\"content\": {\"attachments\": [" + ten + ", {\"url\": \"https://example.com/x\"}]}"),
        "content.attachments");
  }

  @Test
  void rejectsAttachmentsWithoutAWebUrl() {
    assertBadData(
        create("\"content\": {\"attachments\": [{\"url\": \"ftp://example.com/a.png\"}]}"),
        "content.attachments[0].url");
    assertBadData(
        create("\"content\": {\"attachments\": [{\"name\": \"a.png\"}]}"),
        "content.attachments[0].url");
    assertBadData(
        create("\"content\": {\"attachments\": [{\"url\": \"http://\"}]}"),
        "content.attachments[0].url");
    assertBadData(
        create("\"content\": {\"attachments\": [\"https://example.com/a\"]}"),
        "content.attachments[0]");
    assertThat(rows()).isZero();
  }

  @Test
  void acceptsAGallery() {
    var view = created("\"content\": {\"gallery\": [{\"url\": \"http://example.com/a.jpg\"}]}");
    assertThat(view.at("/meta/content/gallery/0/url").asString())
        .isEqualTo("http://example.com/a.jpg");
  }

  @Test
  void acceptsATemplateByIdOrObject() {
    long template = template(team);
    assertThat(
            created("\"content\": {\"template\": %d}".formatted(template))
                .at("/meta/content/template")
                .asLong())
        .isEqualTo(template);
    assertThat(
            created("\"content\": {\"template\": {\"id\": %d}}".formatted(template))
                .at("/meta/content/template")
                .asLong())
        .isEqualTo(template);
  }

  @Test
  void rejectsATemplateOfAnotherTeamOrNone() {
    long theirs = template(api.newTeam());
    assertBadData(create("\"content\": {\"template\": %d}".formatted(theirs)), "content.template");
    assertBadData(create("\"content\": {\"template\": {\"id\": 999999999}}"), "content.template");
    assertBadData(create("\"content\": {\"template\": {\"name\": \"x\"}}"), "content.template");
    assertThat(rows()).isZero();
  }

  @Test
  void sendsAsTheOwnerByDefault() {
    assertThat(created("\"content\": {\"text\": \"hi\"}").get("user_id").asLong())
        .isEqualTo(team.ownerId());
  }

  @Test
  void sendsAsAMemberOfTheTeam() {
    long member =
        team.post(api, "/v1/team/members", "{\"name\": \"Ana\", \"email\": \"ana@example.com\"}")
            .body()
            .get("id")
            .asLong();
    assertThat(
            created("\"user_id\": %d, \"content\": {\"text\": \"hi\"}".formatted(member))
                .get("user_id")
                .asLong())
        .isEqualTo(member);
  }

  @Test
  void rejectsAUserOutsideTheTeam() {
    long stranger = api.newTeam().ownerId();
    assertBadData(
        create("\"user_id\": %d, \"content\": {\"text\": \"hi\"}".formatted(stranger)), "user_id");
    assertBadData(create("\"user_id\": 999999999, \"content\": {\"text\": \"hi\"}"), "user_id");
    assertThat(rows()).isZero();
  }

  @Test
  void requiresTheTeamsInbox() {
    long theirs = api.newTeam().inboxId();
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            "{\"inbox_id\": %d, \"execute_at\": \"2026-01-10T18:00:00Z\", \"phone_number\": \"14155553434\", \"content\": {\"text\": \"hi\"}}"
                .formatted(theirs)),
        "inbox_id");
    assertBadData(
        team.post(
            api,
            "/v1/schedule",
            "{\"execute_at\": \"2026-01-10T18:00:00Z\", \"phone_number\": \"14155553434\", \"content\": {\"text\": \"hi\"}}"),
        "inbox_id");
    assertThat(rows()).isZero();
  }

  @Test
  void namesEveryProblemAtOnce() {
    assertBadData(
        team.post(api, "/v1/schedule", "{\"local_id\": \"%s\"}".formatted("l".repeat(256))),
        "inbox_id",
        "execute_at",
        "content",
        "phone_number",
        "local_id");
  }

  @Test
  void ignoresUnknownFields() {
    var view =
        created(
            "\"content\": {\"text\": \"hi\", \"emoji\": true}, \"priority\": \"high\","
                + " \"nested\": {\"a\": [1, 2]}");
    assertThat(view.at("/meta/content/text").asString()).isEqualTo("hi");
    assertThat(view.at("/meta/content").has("emoji")).isFalse();
  }

  @Test
  void acceptsALocalIdOf255AndRejects256() {
    String longest = "l".repeat(255);
    assertThat(
            created("\"local_id\": \"%s\", \"content\": {\"text\": \"hi\"}".formatted(longest))
                .get("local_id")
                .asString())
        .isEqualTo(longest);
    assertBadData(
        create("\"local_id\": \"%s\", \"content\": {\"text\": \"hi\"}".formatted("m".repeat(256))),
        "local_id");
  }
}
