package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.DispatchTest;
import com.scheduleapi.WebhookSink;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Send windows, local times and expiry as the dispatcher carries them out, on the real clock and
 * database: what is held is planned and not claimed, what expires is never handed over.
 */
@DispatchTest
class SendWindowsDispatchTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final DateTimeFormatter WALL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  @Autowired ApiClient api;
  private final WebhookSink sink = WebhookSink.shared();
  private ApiClient.TeamAccess team;

  @BeforeEach
  void newTeam() {
    team = api.newTeam();
  }

  @Test
  void aMessageHeldByAWindowPastItsExpiryExpiresUnsent() {
    // The window opens three hours from now in the recipients' zone.
    ZoneId zone = zoneWhereItIsNow(LocalTime.NOON);
    patchInbox("{\"send_window\": {\"from\": \"15:00\", \"to\": \"16:00\"}}");
    String single = contact(zone);
    String first = contact(zone);
    String second = contact(zone);
    long list = list(List.of(first, second));
    Instant due = soon();
    String expiry = ", \"expire_at\": \"" + due.plusSeconds(2) + "\"";
    long singleId = schedule("\"phone_number\": \"" + single + "\"", at(due) + expiry);
    long listId = schedule("\"list_id\": " + list, at(due) + expiry);

    await().atMost(PATIENCE).until(() -> status(singleId).equals("expired"));
    await().atMost(PATIENCE).until(() -> status(listId).equals("expired"));

    for (String phone : List.of(single, first, second)) {
      assertThat(sink.receivedFor(phone)).isEmpty();
    }
    JsonNode singleDelivery = deliveries(singleId).get(0);
    assertThat(singleDelivery.get("status").asString()).isEqualTo("expired");
    assertThat(singleDelivery.get("attempts").asInt()).isZero();
    JsonNode listDeliveries = deliveries(listId);
    assertThat(listDeliveries.findValuesAsString("status")).containsExactly("expired", "expired");
    assertThat(listDeliveries.findValuesAsString("timezone")).containsOnly(zone.getId());
  }

  @Test
  void aMessageStillFailingAtItsExpiryIsNotTriedAgain() {
    String phone = WebhookDispatchTest.phone();
    sink.script(phone, 503, 503, 503, 503, 503, 503, 503, 503);
    Instant due = soon();
    // Retries come 0.2, 0.4 and 0.8 s apart (±20 %): the fourth attempt would fall after expiry.
    Instant expireAt = due.plusSeconds(1);
    long id =
        schedule(
            "\"phone_number\": \"" + phone + "\"",
            at(due) + ", \"expire_at\": \"" + expireAt + "\"");

    await().atMost(PATIENCE).until(() -> status(id).equals("expired"));

    List<WebhookSink.Received> posts = sink.receivedFor(phone);
    assertThat(posts).hasSizeBetween(1, 3);
    JsonNode delivery = deliveries(id).get(0);
    assertThat(delivery.get("status").asString()).isEqualTo("expired");
    assertThat(delivery.get("attempts").asInt()).isEqualTo(posts.size());
    assertThat(posts.stream().map(WebhookSink.Received::idempotencyKey).distinct()).hasSize(1);
  }

  @Test
  void aListOverFourZonesIsDueAtTheLocalTimeInEachAndAPassedOneExpiresWithoutSendPast() {
    Zoned phones = fourZones();
    // 3 s from now in Chicago: an hour ago in New York, later in Denver and Los Angeles.
    LocalDateTime local = wallTimeSoon(ZoneId.of("America/Chicago"));
    long id = localTimeList(phones, local, false);

    await().atMost(PATIENCE).until(() -> sink.receivedFor(phones.chicago()).size() == 1);
    Map<String, JsonNode> byPhone = byPhone(deliveries(id));
    assertThat(byPhone.get(phones.newYork()).get("status").asString()).isEqualTo("expired");
    assertThat(sink.receivedFor(phones.newYork())).isEmpty();
    assertPlanned(byPhone, phones, local);
    assertThat(status(id)).isEqualTo("sending");
  }

  @Test
  void withSendPastAPassedLocalTimeIsSentAtOnce() {
    Zoned phones = fourZones();
    LocalDateTime local = wallTimeSoon(ZoneId.of("America/Chicago"));
    long id = localTimeList(phones, local, true);

    await().atMost(PATIENCE).until(() -> sink.receivedFor(phones.chicago()).size() == 1);
    await().atMost(PATIENCE).until(() -> sink.receivedFor(phones.newYork()).size() == 1);
    Map<String, JsonNode> byPhone = byPhone(deliveries(id));
    assertThat(byPhone.get(phones.newYork()).get("status").asString()).isEqualTo("sent");
    assertPlanned(byPhone, phones, local);
  }

  @Test
  void aListSentAtAnInstantGoesOutWhereTheWindowIsOpenAndIsHeldElsewhere() {
    ZoneId open = zoneWhereItIsNow(LocalTime.NOON);
    ZoneId closed = zoneWhereItIsNow(LocalTime.of(20, 0));
    patchInbox("{\"send_window\": {\"from\": \"11:00\", \"to\": \"15:00\"}}");
    List<String> inside = List.of(contact(open), contact(open));
    List<String> outside = List.of(contact(closed), contact(closed));
    long list = list(List.of(inside.get(0), outside.get(0), inside.get(1), outside.get(1)));
    long id = schedule("\"list_id\": " + list, at(soon()));

    await()
        .atMost(PATIENCE)
        .until(() -> inside.stream().allMatch(p -> sink.receivedFor(p).size() == 1));
    // Held ones are planned for tomorrow's opening and not claimed meanwhile.
    Map<String, JsonNode> byPhone = byPhone(deliveries(id));
    Instant opening = ZonedDateTime.now(closed).plusDays(1).with(LocalTime.of(11, 0)).toInstant();
    for (String phone : outside) {
      JsonNode held = byPhone.get(phone);
      assertThat(held.get("status").asString()).isEqualTo("pending");
      assertThat(held.get("attempts").asInt()).isZero();
      assertThat(held.get("timezone").asString()).isEqualTo(closed.getId());
      assertThat(Instant.parse(held.get("due_at").asString())).isEqualTo(opening);
      assertThat(sink.receivedFor(phone)).isEmpty();
    }
    assertThat(status(id)).isEqualTo("sending");
  }

  // --- helpers ---

  /** Phones of four US zones, by their area codes. */
  private record Zoned(String newYork, String chicago, String denver, String losAngeles) {}

  private static Zoned fourZones() {
    return new Zoned(area("212"), area("312"), area("303"), area("415"));
  }

  private static String area(String code) {
    return "1" + code + "555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
  }

  private long localTimeList(Zoned phones, LocalDateTime local, boolean sendPast) {
    patchInbox("{\"timezone\": \"America/Chicago\"}");
    long list =
        list(List.of(phones.newYork(), phones.chicago(), phones.denver(), phones.losAngeles()));
    return schedule(
        "\"list_id\": " + list,
        "\"local_time\": \"" + WALL.format(local) + "\", \"send_past\": " + sendPast);
  }

  private static void assertPlanned(Map<String, JsonNode> byPhone, Zoned phones, LocalDateTime at) {
    Map<String, String> zones =
        Map.of(
            phones.chicago(), "America/Chicago",
            phones.denver(), "America/Denver",
            phones.losAngeles(), "America/Los_Angeles");
    zones.forEach(
        (phone, zone) -> {
          JsonNode delivery = byPhone.get(phone);
          assertThat(delivery.get("timezone").asString()).isEqualTo(zone);
          assertThat(Instant.parse(delivery.get("due_at").asString()))
              .isEqualTo(at.atZone(ZoneId.of(zone)).toInstant());
        });
    assertThat(byPhone.get(phones.newYork()).get("timezone").asString())
        .isEqualTo("America/New_York");
    for (String later : List.of(phones.denver(), phones.losAngeles())) {
      assertThat(byPhone.get(later).get("status").asString()).isEqualTo("pending");
      assertThat(byPhone.get(later).get("attempts").asInt()).isZero();
    }
  }

  /** A wall time on the second, 3 s from now in the zone. */
  private static LocalDateTime wallTimeSoon(ZoneId zone) {
    return LocalDateTime.ofInstant(soon(), zone);
  }

  /** A fixed-offset zone whose local time now lies in the hour starting at {@code hour}. */
  private static ZoneId zoneWhereItIsNow(LocalTime hour) {
    int utcHour = ZonedDateTime.now(ZoneId.of("UTC")).getHour();
    int behind = Math.floorMod(utcHour - hour.getHour() + 12, 24) - 12; // hours behind UTC
    // Etc/GMT+N is N hours behind UTC.
    return ZoneId.of("Etc/GMT" + (behind >= 0 ? "+" : "-") + Math.abs(behind));
  }

  private String contact(ZoneId zone) {
    String phone = WebhookDispatchTest.phone();
    var put = team.put(api, "/v1/contacts/" + phone, "{\"timezone\": \"" + zone.getId() + "\"}");
    assertThat(put.status()).as(put.raw()).isEqualTo(200);
    return phone;
  }

  private long list(List<String> phones) {
    String quoted = String.join("\",\"", phones);
    var created =
        team.post(api, "/v2/lists", "{\"title\": \"zones\", \"phones\": [\"" + quoted + "\"]}");
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    return created.body().get("id").asLong();
  }

  private void patchInbox(String body) {
    var patched = api.send("PATCH", "/v1/inboxes/" + team.inboxId(), body, team.auth());
    assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
  }

  private long schedule(String recipient, String timing) {
    var response =
        team.post(
            api,
            "/v1/schedule",
            "{\"inbox_id\": %d, %s, %s, \"content\": {\"text\": \"hi\"}}"
                .formatted(team.inboxId(), recipient, timing));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  private static String at(Instant due) {
    return "\"execute_at\": \"" + due + "\"";
  }

  private String status(long id) {
    return team.get(api, "/v1/schedule/" + id).body().at("/meta/status").asString();
  }

  private JsonNode deliveries(long id) {
    return team.get(api, "/v1/schedule/" + id + "/deliveries").body().get("items");
  }

  private static Map<String, JsonNode> byPhone(JsonNode items) {
    Map<String, JsonNode> byPhone = new HashMap<>();
    items.forEach(item -> byPhone.put(item.get("phone_number").asString(), item));
    return byPhone;
  }

  private static Instant soon() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
  }
}
