package com.scheduleapi.schedule;

import static com.scheduleapi.Problems.assertBadData;
import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ApiTest;
import com.scheduleapi.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /v1/schedules: filters, limits, order and a keyset walk that sees each row once. */
@ApiTest
class ScheduleListTest {

  private static final Instant NOW = Instant.parse("2026-01-10T16:45:00Z");
  private static final Instant FIRST = Instant.parse("2026-01-10T18:00:00Z");

  @Autowired ApiClient api;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

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

  private long create(String executeAt, String extra) {
    var response =
        team.post(
            api,
            "/v1/schedule",
            """
            {"inbox_id": %d, "execute_at": "%s", "content": {"text": "hi"}, %s}
            """
                .formatted(team.inboxId(), executeAt, extra));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private long create(Instant at) {
    return create(at.toString(), "\"phone_number\": \"14155553434\"");
  }

  private Instant quarter(int n) {
    return FIRST.plus(Duration.ofMinutes(15L * n));
  }

  private JsonNode page(String query) {
    var response = team.get(api, "/v1/schedules" + query);
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body();
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void listsInExecuteThenIdOrder() {
    long late = create(quarter(2));
    long tiedFirst = create(quarter(1));
    long early = create("2026-01-10T19:00:00+01:00", "\"phone_number\": \"14155553434\"");
    long tiedSecond = create(quarter(1));
    assertThat(ids(page(""))).containsExactly(early, tiedFirst, tiedSecond, late);
    assertThat(page("").get("next_cursor").isNull()).isTrue();
  }

  @Test
  void showsEachItemAsTheScheduledObject() {
    long id = create("2026-01-10T11:00:00-07:00", "\"phone_number\": \"14155553434\"");
    JsonNode item = page("").get("items").get(0);
    assertThat(item).isEqualTo(team.get(api, "/v1/schedule/" + id).body());
    assertThat(item.get("execute").asString()).isEqualTo("2026-01-10T11:00:00-07:00");
  }

  @Test
  void filtersByStatus() {
    long scheduled = create(quarter(0));
    long sending = create(quarter(1));
    jdbc.sql("update schedule set status = 1 where id = ?").param(sending).update();
    assertThat(ids(page("?status=scheduled"))).containsExactly(scheduled);
    assertThat(ids(page("?status=sending"))).containsExactly(sending);
    assertThat(ids(page("?status=sent"))).isEmpty();
    assertBadData(team.get(api, "/v1/schedules?status=done"), "status");
  }

  @Test
  void filtersByInboxListAndLocalId() {
    long otherInbox =
        team.post(api, "/v1/inboxes", "{\"name\": \"Second\", \"phone\": \"14155550199\"}")
            .body()
            .get("id")
            .asLong();
    long list =
        team.post(api, "/v2/lists", "{\"title\": \"L\", \"phones\": [\"14155550001\"]}")
            .body()
            .get("id")
            .asLong();
    long plain = create(quarter(0));
    long toList = create(quarter(1).toString(), "\"list_id\": " + list);
    long tagged =
        create(quarter(2).toString(), "\"phone_number\": \"14155553434\", \"local_id\": \"tag\"");
    long fromOther =
        created(
            """
            {"inbox_id": %d, "execute_at": "%s", "content": {"text": "hi"},
             "phone_number": "14155553434"}
            """
                .formatted(otherInbox, quarter(3)));
    assertThat(ids(page("?inbox_id=" + team.inboxId()))).containsExactly(plain, toList, tagged);
    assertThat(ids(page("?inbox_id=" + otherInbox))).containsExactly(fromOther);
    assertThat(ids(page("?list_id=" + list))).containsExactly(toList);
    assertThat(ids(page("?local_id=tag"))).containsExactly(tagged);
    assertThat(ids(page("?local_id=nothing"))).isEmpty();
    assertThat(ids(page("?inbox_id=" + otherInbox + "&list_id=" + list))).isEmpty();
    assertBadData(team.get(api, "/v1/schedules?inbox_id=abc"), "inbox_id");
  }

  private long created(String body) {
    var response = team.post(api, "/v1/schedule", body);
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  @Test
  void filtersByExecuteFromAndToInclusive() {
    long a = create(quarter(0));
    long b = create(quarter(1));
    long c = create(quarter(2));
    long d = create(quarter(3));
    assertThat(ids(page("?from=" + quarter(1) + "&to=" + quarter(2)))).containsExactly(b, c);
    assertThat(ids(page("?from=" + encode("2026-01-10T11:15:00-07:00")))).containsExactly(b, c, d);
    assertThat(ids(page("?to=" + encode("2026-01-10T19:00:00+01:00")))).containsExactly(a);
    assertBadData(team.get(api, "/v1/schedules?from=yesterday"), "from");
    assertBadData(team.get(api, "/v1/schedules?to=2026-01-10"), "to");
  }

  @Test
  void rejectsFilterTimesBeyondTheCalendar() {
    assertBadData(
        team.get(api, "/v1/schedules?from=" + encode("+999999999-01-01T00:00:00Z")), "from");
    assertBadData(team.get(api, "/v1/schedules?to=" + encode("-100000-01-01T00:00:00Z")), "to");
  }

  @Test
  void pagesByFiftyByDefault() {
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      all.add(create(quarter(i % 7)));
    }
    JsonNode first = page("");
    assertThat(first.get("items").size()).isEqualTo(50);
    assertThat(first.get("next_cursor").asString()).isNotBlank();
    JsonNode second = page("?cursor=" + encode(first.get("next_cursor").asString()));
    assertThat(second.get("items").size()).isEqualTo(1);
    assertThat(second.get("next_cursor").isNull()).isTrue();
    List<Long> seen = new ArrayList<>(ids(first));
    seen.addAll(ids(second));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
  }

  @Test
  void acceptsLimitsFromOneToFiveHundred() {
    create(quarter(0));
    create(quarter(1));
    assertThat(page("?limit=1").get("items").size()).isEqualTo(1);
    assertThat(page("?limit=1").get("next_cursor").isNull()).isFalse();
    assertThat(page("?limit=2").get("next_cursor").isNull()).isTrue();
    assertThat(page("?limit=500").get("items").size()).isEqualTo(2);
    assertBadData(team.get(api, "/v1/schedules?limit=501"), "limit");
    assertBadData(team.get(api, "/v1/schedules?limit=0"), "limit");
    assertBadData(team.get(api, "/v1/schedules?limit=-1"), "limit");
    assertBadData(team.get(api, "/v1/schedules?limit=ten"), "limit");
  }

  @Test
  void rejectsACursorItDidNotGive() {
    assertBadData(team.get(api, "/v1/schedules?cursor=not-a-cursor"), "cursor");
    assertBadData(team.get(api, "/v1/schedules?cursor=" + encode("%%%")), "cursor");
  }

  @Test
  void walksEveryRowOnceWhileRowsAreAdded() {
    List<Long> original = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      original.add(create(quarter(i)));
    }
    List<Long> seen = new ArrayList<>();
    List<Long> addedAhead = new ArrayList<>();
    List<Long> addedBehind = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = page("?limit=3" + (cursor == null ? "" : "&cursor=" + encode(cursor)));
      List<Long> ids = ids(page);
      seen.addAll(ids);
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
      pages++;
      if (pages <= 2) {
        // Behind the cursor: must not be seen. At the cursor's instant with a higher id, and
        // ahead of it: must be seen, once.
        JsonNode last = page.get("items").get(ids.size() - 1);
        addedBehind.add(create(quarter(0)));
        addedAhead.add(create(Instant.parse(last.get("execute").asString())));
        addedAhead.add(create(quarter(9)));
      }
    } while (cursor != null && pages < 20);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen)
        .containsAll(original)
        .containsAll(addedAhead)
        .doesNotContainAnyElementsOf(addedBehind);
    assertThat(seen).hasSize(original.size() + addedAhead.size());
  }

  @Test
  void walksInOrderAcrossPages() {
    for (int i = 9; i >= 0; i--) {
      create(quarter(i));
    }
    List<String> executes = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = page("?limit=4" + (cursor == null ? "" : "&cursor=" + encode(cursor)));
      page.get("items").forEach(item -> executes.add(item.get("execute").asString()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
    } while (cursor != null);
    assertThat(executes).hasSize(10).isSorted();
  }

  @Test
  void listsOnlyTheTeamsOwnSchedules() {
    create(quarter(0));
    ApiClient.TeamAccess other = api.newTeam();
    var theirs = other.get(api, "/v1/schedules?inbox_id=" + team.inboxId());
    assertThat(theirs.status()).isEqualTo(200);
    assertThat(theirs.body().get("items").size()).isZero();
    assertThat(other.get(api, "/v1/schedules").body().get("items").size()).isZero();
  }
}
