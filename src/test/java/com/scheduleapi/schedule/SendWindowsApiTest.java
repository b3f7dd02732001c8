package com.scheduleapi.schedule;

import static com.scheduleapi.Problems.assertBadData;
import static com.scheduleapi.Problems.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Time zones, send windows, local times and expiry through the HTTP API with "now" fixed: what is
 * accepted, what is refused, and the plan each delivery gets (CONTRACT §8).
 */
@ApiTest
class SendWindowsApiTest {

  // 10:00 UTC: 05:00 in New York, 03:00 in Denver, 02:00 in Los Angeles.
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String NEW_YORK_PHONE = "12125550100";
  private static final String IDAHO_PHONE = "12085550100"; // Boise and Los Angeles
  private static final String EIGHT_TO_NINE = "{\"from\":\"08:00\",\"to\":\"21:00\"}";

  @Autowired ApiClient api;
  @Autowired MutableClock clock;

  ApiClient.TeamAccess team;

  @BeforeEach
  void setUp() {
    clock.set(NOW);
    team = api.newTeam();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private ApiClient.Response patchInbox(String body) {
    return api.send("PATCH", "/v1/inboxes/" + team.inboxId(), body, team.auth());
  }

  private long schedule(String recipient, String timing) {
    ApiClient.Response created =
        team.post(
            api,
            "/v1/schedule",
            "{\"inbox_id\": %d, %s, %s, \"content\": {\"text\": \"hi\"}}"
                .formatted(team.inboxId(), recipient, timing));
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    return created.body().get("id").asLong();
  }

  private ApiClient.Response create(String timing) {
    return team.post(
        api,
        "/v1/schedule",
        "{\"inbox_id\": %d, \"phone_number\": \"%s\", %s, \"content\": {\"text\": \"hi\"}}"
            .formatted(team.inboxId(), NEW_YORK_PHONE, timing));
  }

  private JsonNode plan(long schedule) {
    JsonNode items = team.get(api, "/v1/schedule/" + schedule + "/deliveries").body().get("items");
    assertThat(items.size()).as(items.toString()).isEqualTo(1);
    return items.get(0);
  }

  private static String phone(String phone) {
    return "\"phone_number\": \"" + phone + "\"";
  }

  @Test
  void anInboxShowsItsSettingsAndPatchChangesOrClearsEachField() {
    JsonNode fresh = team.get(api, "/v1/inboxes/" + team.inboxId()).body();
    assertThat(fresh.get("timezone").isNull()).isTrue();
    assertThat(fresh.get("send_window").isNull()).isTrue();
    assertThat(fresh.get("mps").isNull()).isTrue();

    ApiClient.Response patched =
        patchInbox(
            """
            {"name": "Clinic", "timezone": "America/Denver", "mps": 25,
             "send_window": {"days": ["MON","TUE","WED","THU","FRI"], "from": "08:00", "to": "20:00"}}
            """);
    assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
    JsonNode shown = team.get(api, "/v1/inboxes/" + team.inboxId()).body();
    assertThat(shown.get("name").asString()).isEqualTo("Clinic");
    assertThat(shown.get("phone").asString()).isEqualTo("14155550100");
    assertThat(shown.get("timezone").asString()).isEqualTo("America/Denver");
    assertThat(shown.get("mps").asInt()).isEqualTo(25);
    assertThat(shown.at("/send_window/days").toString())
        .isEqualTo("[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"]");
    assertThat(shown.at("/send_window/from").asString()).isEqualTo("08:00");
    assertThat(shown.at("/send_window/to").asString()).isEqualTo("20:00");

    JsonNode cleared = patchInbox("{\"timezone\": null, \"mps\": null}").body();
    assertThat(cleared.get("timezone").isNull()).isTrue();
    assertThat(cleared.get("mps").isNull()).isTrue();
    assertThat(cleared.get("name").asString()).isEqualTo("Clinic");
    assertThat(cleared.at("/send_window/from").asString()).isEqualTo("08:00");
    assertThat(patchInbox("{\"send_window\": null}").body().get("send_window").isNull()).isTrue();

    JsonNode listed = team.get(api, "/v1/inboxes").body().get(0);
    assertThat(listed.has("timezone")).isTrue();
    assertThat(listed.has("send_window")).isTrue();
    assertThat(listed.has("mps")).isTrue();
  }

  @Test
  void anInboxMayBeCreatedWithItsSettings() {
    ApiClient.Response created =
        team.post(
            api,
            "/v1/inboxes",
            """
            {"name": "Shop", "phone": "+13035550100", "timezone": "America/Denver",
             "send_window": {"days": ["SUN"], "from": "12:00", "to": "21:00"}, "mps": 1000}
            """);
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    assertThat(created.body().get("phone").asString()).isEqualTo("13035550100");
    assertThat(created.body().get("timezone").asString()).isEqualTo("America/Denver");
    assertThat(created.body().at("/send_window/days").toString()).isEqualTo("[\"SUN\"]");
    assertThat(created.body().get("mps").asInt()).isEqualTo(1000);
    assertBadData(
        team.post(
            api,
            "/v1/inboxes",
            "{\"name\": \"Shop\", \"phone\": \"13035550100\", \"timezone\": \"Denver\"}"),
        "timezone");
    assertBadData(team.post(api, "/v1/inboxes", "{\"phone\": \"13035550100\"}"), "name");
  }

  @Test
  void badInboxSettingsAreRefusedNamingEachField() {
    ApiClient.Response zone = patchInbox("{\"timezone\": \"EST\"}");
    assertBadData(zone, "timezone");
    assertThat(message(zone, "timezone")).contains("America/Denver");
    assertBadData(patchInbox("{\"mps\": 0}"), "mps");
    assertBadData(patchInbox("{\"mps\": 1001}"), "mps");
    assertBadData(patchInbox("{\"mps\": \"fast\"}"), "mps");
    assertBadData(patchInbox("{\"name\": \"  \"}"), "name");
    assertBadData(
        patchInbox("{\"send_window\": {\"days\": [], \"from\": \"08:00\", \"to\": \"21:00\"}}"),
        "send_window.days");
    assertBadData(
        patchInbox(
            "{\"send_window\": {\"days\": [\"MONDAY\"], \"from\": \"08:00\", \"to\": \"21:00\"}}"),
        "send_window.days");
    assertBadData(
        patchInbox("{\"send_window\": {\"from\": \"21:00\", \"to\": \"08:00\"}}"),
        "send_window.to");
    assertBadData(
        patchInbox("{\"send_window\": {\"from\": \"8am\", \"to\": \"24:00\"}}"),
        "send_window.from",
        "send_window.to");
    assertThat(team.get(api, "/v1/inboxes/" + team.inboxId()).body().get("mps").isNull()).isTrue();
    ApiClient.TeamAccess other = api.newTeam();
    assertThat(
            api.send("PATCH", "/v1/inboxes/" + other.inboxId(), "{\"mps\": 5}", team.auth())
                .status())
        .isEqualTo(404);
  }

  @Test
  void aContactKeepsItsTimezoneAndBadOnesAreRefused() {
    ApiClient.Response put =
        team.put(api, "/v1/contacts/" + NEW_YORK_PHONE, "{\"timezone\": \"Pacific/Honolulu\"}");
    assertThat(put.status()).as(put.raw()).isEqualTo(200);
    assertThat(put.body().get("timezone").asString()).isEqualTo("Pacific/Honolulu");
    JsonNode renamed =
        team.put(api, "/v1/contacts/" + NEW_YORK_PHONE, "{\"first\": \"Ann\"}").body();
    assertThat(renamed.get("timezone").asString()).isEqualTo("Pacific/Honolulu");
    assertBadData(
        team.put(api, "/v1/contacts/" + NEW_YORK_PHONE, "{\"timezone\": \"Mars/Olympus\"}"),
        "timezone");
  }

  @Test
  void aMessageDueOutsideItsWindowIsHeldUntilTheWindowOpensInTheRecipientsZone() {
    patchInbox("{\"timezone\": \"America/Denver\", \"send_window\": " + EIGHT_TO_NINE + "}");
    String at = "\"execute_at\": \"2026-12-01T11:00:00Z\"";

    JsonNode newYork = plan(schedule(phone(NEW_YORK_PHONE), at));
    assertThat(newYork.get("status").asString()).isEqualTo("pending");
    assertThat(newYork.get("due_at").asString()).isEqualTo("2026-12-01T13:00:00Z");
    assertThat(newYork.get("timezone").asString()).isEqualTo("America/New_York");

    // Its region spans two zones: it falls to the inbox's.
    JsonNode idaho = plan(schedule(phone(IDAHO_PHONE), at));
    assertThat(idaho.get("due_at").asString()).isEqualTo("2026-12-01T15:00:00Z");
    assertThat(idaho.get("timezone").asString()).isEqualTo("America/Denver");

    // A contact's zone overrides the number's.
    team.put(api, "/v1/contacts/12125550101", "{\"timezone\": \"Pacific/Honolulu\"}");
    JsonNode honolulu = plan(schedule(phone("12125550101"), at));
    assertThat(honolulu.get("due_at").asString()).isEqualTo("2026-12-01T18:00:00Z");
    assertThat(honolulu.get("timezone").asString()).isEqualTo("Pacific/Honolulu");

    // A group goes by the inbox's zone.
    JsonNode group =
        plan(schedule("\"targets\": [\"" + NEW_YORK_PHONE + "\", \"14155550199\"]", at));
    assertThat(group.get("due_at").asString()).isEqualTo("2026-12-01T15:00:00Z");
    assertThat(group.get("timezone").asString()).isEqualTo("America/Denver");

    // The execute the client asked for stays as it was.
    long id = schedule(phone(NEW_YORK_PHONE), at);
    assertThat(team.get(api, "/v1/schedule/" + id).body().get("execute").asString())
        .isEqualTo("2026-12-01T11:00:00Z");
  }

  @Test
  void theWindowOpensAtFromAndClosesAtTo() {
    patchInbox("{\"send_window\": " + EIGHT_TO_NINE + "}");
    // 08:00 in New York is inside; 21:00 is outside and waits for the next morning.
    JsonNode atFrom =
        plan(schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2026-12-01T13:00:00Z\""));
    assertThat(atFrom.get("due_at").asString()).isEqualTo("2026-12-01T13:00:00Z");
    JsonNode atTo =
        plan(schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2026-12-02T02:00:00Z\""));
    assertThat(atTo.get("due_at").asString()).isEqualTo("2026-12-02T13:00:00Z");
    JsonNode before =
        plan(schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2026-12-02T01:45:00Z\""));
    assertThat(before.get("due_at").asString()).isEqualTo("2026-12-02T01:45:00Z");
  }

  @Test
  void aWindowOnSomeDaysOnlyHoldsUntilTheNextOfThem() {
    // 2026-12-05 is a Saturday.
    patchInbox(
        "{\"send_window\": {\"days\": [\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"],"
            + " \"from\": \"09:00\", \"to\": \"17:00\"}}");
    JsonNode saturday =
        plan(schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2026-12-05T15:00:00Z\""));
    assertThat(saturday.get("due_at").asString()).isEqualTo("2026-12-07T14:00:00Z");
  }

  @Test
  void onNewYorksSpringForwardDayTheWindowOpensByTheWallClock() {
    clock.set(Instant.parse("2027-03-13T12:00:00Z"));
    patchInbox(
        "{\"timezone\": \"America/New_York\","
            + " \"send_window\": {\"from\": \"02:30\", \"to\": \"21:00\"}}");
    // 2027-03-14 01:00 EST; 02:30 does not exist that night: the window opens at 03:00 EDT.
    JsonNode gap =
        plan(schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2027-03-14T06:00:00Z\""));
    assertThat(gap.get("due_at").asString()).isEqualTo("2027-03-14T07:00:00Z");
    // 9 a.m. local is 13:00 UTC now, not 14:00 as the day before.
    JsonNode nine =
        plan(schedule(phone(NEW_YORK_PHONE), "\"local_time\": \"2027-03-14T09:00:00\""));
    assertThat(nine.get("due_at").asString()).isEqualTo("2027-03-14T13:00:00Z");
    JsonNode before =
        plan(schedule(phone(NEW_YORK_PHONE), "\"local_time\": \"2027-03-13T09:00:00\""));
    assertThat(before.get("due_at").asString()).isEqualTo("2027-03-13T14:00:00Z");
  }

  @Test
  void onNewYorksFallBackDayARepeatedWallTimeTakesTheFirst() {
    clock.set(Instant.parse("2027-11-06T12:00:00Z"));
    // 01:30 happens twice on 2027-11-07: first in EDT (05:30 UTC), then in EST (06:30 UTC).
    JsonNode repeated =
        plan(schedule(phone(NEW_YORK_PHONE), "\"local_time\": \"2027-11-07T01:30:00\""));
    assertThat(repeated.get("due_at").asString()).isEqualTo("2027-11-07T05:30:00Z");
    patchInbox("{\"send_window\": " + EIGHT_TO_NINE + "}");
    // 20:59:59 EDT on the day before is inside; on the day itself 21:00 comes in EST.
    JsonNode lateEvening =
        plan(schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2027-11-08T01:45:00Z\""));
    assertThat(lateEvening.get("due_at").asString()).isEqualTo("2027-11-08T01:45:00Z");
    JsonNode early =
        plan(schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2027-11-07T12:00:00Z\""));
    assertThat(early.get("due_at").asString()).isEqualTo("2027-11-07T13:00:00Z");
  }

  @Test
  void expireAtMustComeAfterExecuteAt() {
    String at = "\"execute_at\": \"2026-12-01T11:00:00Z\"";
    ApiClient.Response before = create(at + ", \"expire_at\": \"2026-12-01T10:45:00Z\"");
    assertBadData(before, "expire_at");
    assertThat(message(before, "expire_at")).contains("2026-12-01T11:00:00Z");
    assertBadData(create(at + ", \"expire_at\": \"2026-12-01T11:00:00Z\""), "expire_at");
    assertBadData(create(at + ", \"expire_at\": \"tomorrow\""), "expire_at");
    ApiClient.Response fine = create(at + ", \"expire_at\": \"2026-12-01T12:00:00-05:00\"");
    assertThat(fine.status()).as(fine.raw()).isEqualTo(200);
    JsonNode view = team.get(api, "/v1/schedule/" + fine.body().get("id").asLong()).body();
    assertThat(view.get("expire_at").asString()).isEqualTo("2026-12-01T17:00:00Z");
    assertThat(view.get("local_time").isNull()).isTrue();
  }

  @Test
  void localTimeIsAWallTimeGivenInsteadOfExecuteAt() {
    assertBadData(
        create("\"execute_at\": \"2026-12-01T11:00:00Z\", \"local_time\": \"2026-12-01T09:00:00\""),
        "local_time");
    assertBadData(create("\"local_time\": \"2026-12-01T09:00:00Z\""), "local_time");
    assertBadData(create("\"local_time\": \"2026-12-01T09:07:00\""), "local_time");
    patchInbox("{\"timezone\": \"America/Chicago\"}");
    // Read in the inbox's zone, 04:00 in Chicago is 10:00 UTC: less than 15 minutes ahead.
    ApiClient.Response soon = create("\"local_time\": \"2026-12-01T04:00:00\"");
    assertBadData(soon, "local_time");
    assertThat(message(soon, "local_time")).contains("2026-12-01T04:15:00-06:00");

    long id = schedule(phone(NEW_YORK_PHONE), "\"local_time\": \"2026-12-01T09:00:00\"");
    JsonNode view = team.get(api, "/v1/schedule/" + id).body();
    assertThat(view.get("local_time").asString()).isEqualTo("2026-12-01T09:00:00");
    // The earliest planned instant: 09:00 in New York.
    assertThat(view.get("execute").asString()).isEqualTo("2026-12-01T09:00:00-05:00");
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T14:00:00Z");
  }

  @Test
  void putPlansAgainFromTheNewBody() {
    patchInbox("{\"send_window\": " + EIGHT_TO_NINE + "}");
    long id = schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2026-12-01T11:00:00Z\"");
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T13:00:00Z");

    String body =
        "{\"inbox_id\": %d, \"phone_number\": \"%s\", %s, \"content\": {\"text\": \"hi\"}}";
    ApiClient.Response later =
        team.put(
            api,
            "/v1/schedule/" + id,
            body.formatted(
                team.inboxId(), NEW_YORK_PHONE, "\"execute_at\": \"2026-12-01T20:00:00Z\""));
    assertThat(later.status()).as(later.raw()).isEqualTo(200);
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T20:00:00Z");

    ApiClient.Response local =
        team.put(
            api,
            "/v1/schedule/" + id,
            body.formatted(team.inboxId(), IDAHO_PHONE, "\"local_time\": \"2026-12-01T21:30:00\""));
    assertThat(local.status()).as(local.raw()).isEqualTo(200);
    JsonNode idaho = plan(id);
    // 21:30 in the inbox's zone (UTC, as the inbox has none) is outside the window: 08:00 UTC
    // the next day is the next opening.
    assertThat(idaho.get("timezone").asString()).isEqualTo("UTC");
    assertThat(idaho.get("due_at").asString()).isEqualTo("2026-12-02T08:00:00Z");
    assertThat(team.get(api, "/v1/schedule/" + id).body().get("local_time").asString())
        .isEqualTo("2026-12-01T21:30:00");

    // An expiry before the window opens: claimed at the expiry, to settle as expired then.
    ApiClient.Response expiring =
        team.put(
            api,
            "/v1/schedule/" + id,
            body.formatted(
                team.inboxId(),
                NEW_YORK_PHONE,
                "\"execute_at\": \"2026-12-01T11:00:00Z\", \"expire_at\": \"2026-12-01T12:00:00Z\""));
    assertThat(expiring.status()).as(expiring.raw()).isEqualTo(200);
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T12:00:00Z");
    assertThat(team.get(api, "/v1/schedule/" + id).body().get("rev").asInt()).isEqualTo(4);
  }

  @Test
  void pauseKeepsThePlanAndAPutWhilePausedPlansAgain() {
    patchInbox("{\"send_window\": " + EIGHT_TO_NINE + "}");
    long id = schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2026-12-01T11:00:00Z\"");
    ApiClient.Response paused = team.post(api, "/v1/schedule/" + id + "/pause", null);
    assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
    assertThat(paused.body().get("meta").get("status").asString()).isEqualTo("paused");
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T13:00:00Z");

    ApiClient.Response changed =
        team.put(
            api,
            "/v1/schedule/" + id,
            "{\"inbox_id\": %d, \"phone_number\": \"%s\", \"execute_at\": \"2026-12-01T11:30:00Z\", \"content\": {\"text\": \"hi\"}}"
                .formatted(team.inboxId(), NEW_YORK_PHONE));
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    assertThat(changed.body().get("meta").get("status").asString()).isEqualTo("paused");
    // 11:30 UTC is 06:30 in New York, before the window opens at 08:00 there (13:00 UTC).
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T13:00:00Z");
    team.put(
        api,
        "/v1/schedule/" + id,
        "{\"inbox_id\": %d, \"phone_number\": \"%s\", \"execute_at\": \"2026-12-01T20:00:00Z\", \"content\": {\"text\": \"hi\"}}"
            .formatted(team.inboxId(), NEW_YORK_PHONE));
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T20:00:00Z");

    ApiClient.Response resumed = team.post(api, "/v1/schedule/" + id + "/resume", null);
    assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
    assertThat(resumed.body().get("meta").get("status").asString()).isEqualTo("scheduled");
    assertThat(plan(id).get("due_at").asString()).isEqualTo("2026-12-01T20:00:00Z");
  }

  @Test
  void withoutAWindowTheListingStillNamesTheRecipientsZone() {
    long id = schedule(phone(NEW_YORK_PHONE), "\"execute_at\": \"2026-12-01T11:00:00Z\"");
    JsonNode single = plan(id);
    assertThat(single.get("timezone").asString()).isEqualTo("America/New_York");
    assertThat(single.get("due_at").asString()).isEqualTo("2026-12-01T11:00:00Z");
  }
}
