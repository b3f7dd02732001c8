package com.scheduleapi.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.BulkSchedules;
import com.scheduleapi.EventReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events survive what they must: the database crashed for 30 s during a burst, and the webhook
 * endpoint down (503) for 30 s during a burst. Either way every schedule's delivery.sent event
 * reaches the endpoint once both are back.
 *
 * <p>{@code ./mvnw -Preliability verify -Dit.test=EventsOutageIT} (see RELIABILITY.md).
 */
class EventsOutageIT {

  private static final int BURST = Integer.getInteger("reliability.burst", 3000);
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  private static ReliabilityDatabase db;
  private static ConfigurableApplicationContext node;
  private static JdbcClient jdbc;
  private static BulkSchedules.Team team;
  private static EventReceiver receiver;
  private static final JsonMapper json = JsonMapper.builder().build();
  private static long nextPhone =
      70_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L) * 10_000;

  @BeforeAll
  static void oneNodeWithAWebhook() throws Exception {
    Assumptions.assumeTrue(ReliabilityDatabase.available(), "needs PostgreSQL 15's binaries");
    db = ReliabilityDatabase.create();
    node =
        Nodes.inProcess(
            "events",
            db.url(),
            "--schedule.events.allow-private-urls=true",
            "--schedule.events.retry-max=PT2S");
    jdbc = JdbcClient.create(node.getBean(DataSource.class));
    receiver = new EventReceiver("127.0.0.1");
    JsonNode me = call("GET", "/v1/team", null);
    long inbox =
        call("POST", "/v1/inboxes", "{\"name\":\"Events\",\"phone\":\"14155550100\"}")
            .get("id")
            .asLong();
    long owner = 0;
    for (JsonNode member : me.get("members")) {
      if (member.get("owner").asBoolean()) {
        owner = member.get("id").asLong();
      }
    }
    team = new BulkSchedules.Team(me.get("id").asLong(), owner, inbox);
    call(
        "POST",
        "/v1/webhooks",
        "{\"url\":\"" + receiver.url() + "\",\"events\":[\"delivery.sent\"]}");
  }

  @AfterAll
  static void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (node != null) {
      node.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void everyDeliverySentArrivesAfterADatabaseCrashDuringTheBurst() throws Exception {
    List<Long> ids = burst();
    await().atMost(Duration.ofSeconds(60)).until(() -> delivered(ids).size() >= BURST / 10);
    int before = delivered(ids).size();
    db.crash();
    Thread.sleep(OUTAGE.toMillis());
    db.start();
    Instant back = Instant.now();

    await().atMost(Duration.ofSeconds(300)).until(() -> delivered(ids).size() == BURST);
    Thread.sleep(2_000); // a repeat would follow within a round
    System.out.printf(
        "RELIABILITY events-db-outage n=%d delivered_before_crash=%d all_after_restart_s=%.1f"
            + " %s%n",
        BURST, before, Duration.between(back, Instant.now()).toMillis() / 1000.0, callsFor(ids));
    // One node: a round delivered while the database was away is written once it is back, not
    // called again.
    assertThat(callsFor(ids).repeatsTaken()).isZero();
  }

  @Test
  void everyDeliverySentArrivesAfterTheEndpointWasDownFor30Seconds() throws Exception {
    receiver.down(503);
    List<Long> ids = burst();
    Thread.sleep(OUTAGE.toMillis());
    assertThat(delivered(ids)).isEmpty();
    receiver.up();
    Instant up = Instant.now();

    await().atMost(Duration.ofSeconds(300)).until(() -> delivered(ids).size() == BURST);
    Thread.sleep(2_000); // a repeat would follow within a round
    System.out.printf(
        "RELIABILITY events-endpoint-down n=%d all_after_up_s=%.1f %s%n",
        BURST, Duration.between(up, Instant.now()).toMillis() / 1000.0, callsFor(ids));
    // A round to a failing endpoint stops at its first refusals (one call once it keeps failing),
    // rather than calling every event of the round each time.
    assertThat(callsFor(ids).refused()).isLessThan(BURST / 10);
  }

  /**
   * This burst's calls: all, refused by the endpoint (retried later with the same webhook-id), and
   * the repeats among those it took (the same webhook-id taken more than once).
   */
  private static Calls callsFor(List<Long> ids) {
    Set<Long> wanted = Set.copyOf(ids);
    List<EventReceiver.Call> ours =
        receiver.calls().stream()
            .filter(c -> wanted.contains(c.event().at("/data/schedule_id").asLong()))
            .toList();
    List<EventReceiver.Call> taken = ours.stream().filter(EventReceiver.Call::taken).toList();
    long distinct = taken.stream().map(EventReceiver.Call::id).distinct().count();
    return new Calls(
        ours.size(), ours.size() - taken.size(), taken.size(), taken.size() - distinct);
  }

  private record Calls(int all, int refused, int taken, long repeatsTaken) {
    @Override
    public String toString() {
      return "calls=%d refused=%d taken=%d repeats_taken=%d"
          .formatted(all, refused, taken, repeatsTaken);
    }
  }

  private static List<Long> burst() {
    Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
    long first = nextPhone;
    nextPhone += BURST;
    return BulkSchedules.singlePhones(jdbc, team, due, first, BURST, "events");
  }

  /** The schedules of {@code ids} whose delivery.sent the endpoint took. */
  private static Set<Long> delivered(List<Long> ids) {
    Set<Long> wanted = Set.copyOf(ids);
    return receiver.calls().stream()
        .filter(EventReceiver.Call::taken)
        .map(c -> c.event().at("/data/schedule_id").asLong())
        .filter(wanted::contains)
        .collect(Collectors.toSet());
  }

  private static JsonNode call(String method, String path, String body) throws Exception {
    int port = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + ApiClient.BOOTSTRAP_KEY)
                    .header("Content-Type", "application/json")
                    .method(
                        method,
                        body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }
}
