package com.scheduleapi.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.DispatchTest;
import com.scheduleapi.EventReceiver;
import com.scheduleapi.WebhookSink;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Events reach a real local endpoint, signed, at least once. The receiver listens on 127.0.0.1,
 * which the test's address policy lets stand in for a public host (with allow-private-urls false);
 * 127.0.0.2 stays private, for the refusals at call time and on a redirect.
 */
@DispatchTest
@TestPropertySource(
    properties = {
      "schedule.events.retry-initial=PT0.2S",
      "schedule.events.retry-max=PT1S",
      "schedule.events.poll-interval=PT0.05S"
    })
@Import(WebhookDeliveryTest.Addresses.class)
class WebhookDeliveryTest {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final AtomicBoolean RECEIVER_PUBLIC = new AtomicBoolean(true);

  /** 127.0.0.1 counts as public while RECEIVER_PUBLIC; every other private address stays so. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Addresses {
    @Bean
    AddressPolicy receiverIsPublic() {
      return address ->
          !(RECEIVER_PUBLIC.get() && address.getHostAddress().equals("127.0.0.1"))
              && AddressPolicy.STANDARD.isPrivate(address);
    }
  }

  @Autowired ApiClient api;
  @Autowired Events events;
  @Autowired TransactionTemplate transaction;

  private final WebhookSink sink = WebhookSink.shared();
  private final List<EventReceiver> receivers = new ArrayList<>();
  private final List<Registered> registered = new ArrayList<>();
  private ApiClient.TeamAccess team;

  @BeforeEach
  void newTeam() {
    RECEIVER_PUBLIC.set(true);
    team = api.newTeam();
  }

  @AfterEach
  void closeReceivers() {
    RECEIVER_PUBLIC.set(true);
    // Other test classes share the database: leave them no endpoint to call.
    registered.forEach(r -> r.access().delete(api, "/v1/webhooks/" + r.id()));
    receivers.forEach(EventReceiver::close);
  }

  private record Registered(ApiClient.TeamAccess access, long id) {}

  @Test
  void deliversEveryEventTypeSignedAndOnlyToItsTeam() {
    EventReceiver receiver = receiver("127.0.0.1");
    String secret = register(team, receiver.url(), "");
    ApiClient.TeamAccess other = api.newTeam();
    EventReceiver othersReceiver = receiver("127.0.0.1");
    register(other, othersReceiver.url(), "");

    long sent = schedule(team, phone(), soon(1));
    long changed = schedule(team, phone(), soon(60));
    team.put(api, "/v1/schedule/" + changed, body(team, phone(), soon(61)));
    team.post(api, "/v1/schedule/" + changed + "/pause", null);
    team.post(api, "/v1/schedule/" + changed + "/resume", null);
    team.delete(api, "/v1/schedule/" + changed);
    String refused = phone();
    sink.script(refused, 400);
    schedule(team, refused, soon(1));
    String optedOut = phone();
    team.put(api, "/v1/contacts/" + optedOut, "{\"opted_out\":true}");
    schedule(team, optedOut, soon(1));
    // Statuses other work brings (expired, the provider's receipts): recorded through the same API.
    transaction.executeWithoutResult(
        status ->
            events.record(
                List.of(
                    delivery("expired"),
                    delivery("delivered"),
                    delivery("undelivered"),
                    events.schedule(
                        team.id(),
                        EventType.ofSchedule("expired").orElseThrow(),
                        java.util.Map.of("id", 0)))));

    Set<String> every =
        Arrays.stream(EventType.values()).map(EventType::apiName).collect(Collectors.toSet());
    await()
        .atMost(PATIENCE)
        .until(
            () -> receiver.calls().stream().map(EventReceiver.Call::type).toList(),
            t -> Set.copyOf(t).equals(every));

    for (EventReceiver.Call call : receiver.calls()) {
      String id = call.header("webhook-id");
      String timestamp = call.header("webhook-timestamp");
      String signature = call.header("webhook-signature");
      assertThat(id).isEqualTo(call.id());
      assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)))
          .isLessThan(300);
      assertThat(StandardWebhooksVerifier.verify(secret, id, timestamp, call.body(), signature))
          .as("signature of %s", call.body())
          .isTrue();
    }
    EventReceiver.Call any = receiver.calls().get(0);
    String body = any.body();
    int at = body.length() / 2;
    String oneByteOff =
        body.substring(0, at) + (char) (body.charAt(at) ^ 1) + body.substring(at + 1);
    assertThat(
            StandardWebhooksVerifier.verify(
                secret,
                any.header("webhook-id"),
                any.header("webhook-timestamp"),
                oneByteOff,
                any.header("webhook-signature")))
        .isFalse();

    JsonNode sentEvent =
        receiver.calls().stream()
            .filter(c -> c.type().equals("schedule.sent"))
            .findFirst()
            .orElseThrow()
            .event();
    JsonNode view = team.get(api, "/v1/schedule/" + sent).body();
    assertThat(sentEvent.get("data")).isEqualTo(view);
    JsonNode deliverySent =
        receiver.calls().stream()
            .filter(c -> c.type().equals("delivery.sent"))
            .findFirst()
            .orElseThrow()
            .event()
            .get("data");
    assertThat(deliverySent.get("schedule_id").asLong()).isEqualTo(sent);
    assertThat(deliverySent.get("status").asString()).isEqualTo("sent");
    assertThat(deliverySent.get("attempts").asInt()).isEqualTo(1);
    assertThat(deliverySent.get("provider_message_id").asString()).startsWith("msg-");
    List<String> logged = new ArrayList<>();
    team.get(api, "/v1/events?limit=1000")
        .body()
        .get("items")
        .forEach(e -> logged.add(e.get("id").asString()));
    assertThat(logged).containsAll(receiver.calls().stream().map(EventReceiver.Call::id).toList());
    assertThat(othersReceiver.calls()).isEmpty();
  }

  @Test
  void triesAgainWithTheSameWebhookIdUntilTheEndpointTakesIt() {
    EventReceiver receiver = receiver("127.0.0.1");
    String secret = register(team, receiver.url(), "\"schedule.created\"");
    receiver.script(500, 503);

    schedule(team, phone(), soon(60));

    await().atMost(PATIENCE).until(() -> receiver.calls().size() >= 3);
    List<EventReceiver.Call> calls = receiver.calls();
    assertThat(calls.stream().map(c -> c.header("webhook-id")).distinct()).hasSize(1);
    assertThat(calls.stream().map(EventReceiver.Call::body).distinct()).hasSize(1);
    calls.forEach(
        c ->
            assertThat(
                    StandardWebhooksVerifier.verify(
                        secret,
                        c.header("webhook-id"),
                        c.header("webhook-timestamp"),
                        c.body(),
                        c.header("webhook-signature")))
                .isTrue());
  }

  @Test
  void losesNoEventWhileTheEndpointIsDown() throws InterruptedException {
    EventReceiver receiver = receiver("127.0.0.1");
    register(team, receiver.url(), "\"schedule.created\"");
    receiver.down(503);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(schedule(team, phone(), soon(120)));
    }
    await().atMost(PATIENCE).until(() -> receiver.calls().size() >= 20);
    Thread.sleep(2000);
    assertThat(receiver.calls()).noneMatch(EventReceiver.Call::taken);
    receiver.up();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        receiver.calls().stream()
                            .filter(EventReceiver.Call::taken)
                            .map(c -> c.event().at("/data/id").asLong())
                            .collect(Collectors.toSet()))
                    .containsAll(ids));
  }

  @Test
  void refusesAtCallTimeAnEndpointThatNowResolvesPrivately() {
    EventReceiver receiver = receiver("127.0.0.1");
    register(team, receiver.url(), "\"schedule.created\"");
    RECEIVER_PUBLIC.set(false);

    schedule(team, phone(), soon(60));

    await().atMost(PATIENCE).until(() -> lastError(team).contains("not called"));
    assertThat(receiver.calls()).isEmpty();
    RECEIVER_PUBLIC.set(true);
    await().atMost(PATIENCE).until(() -> receiver.calls().size() == 1);
  }

  @Test
  void followsNoRedirectIntoThePrivateNetwork() {
    EventReceiver target = receiver("127.0.0.2");
    EventReceiver redirecting = receiver("127.0.0.1");
    redirecting.redirectTo(target.url());
    register(team, redirecting.url(), "\"schedule.created\"");
    ApiClient.TeamAccess other = api.newTeam();
    EventReceiver publicTarget = receiver("127.0.0.1");
    EventReceiver redirectingOut = receiver("127.0.0.1");
    redirectingOut.redirectTo(publicTarget.url());
    register(other, redirectingOut.url(), "\"schedule.created\"");

    schedule(team, phone(), soon(60));
    schedule(other, phone(), soon(60));

    await().atMost(PATIENCE).until(() -> lastError(team).contains("redirect"));
    await().atMost(PATIENCE).until(() -> publicTarget.calls().size() == 1);
    assertThat(redirecting.calls()).isNotEmpty();
    assertThat(target.calls()).isEmpty();
  }

  private Events.NewEvent delivery(String status) {
    return events
        .delivery(
            team.id(),
            new Events.DeliveryData(0, null, null, 0, "15550000000", status, 1, null, null, null))
        .orElseThrow();
  }

  private EventReceiver receiver(String host) {
    EventReceiver receiver = new EventReceiver(host);
    receivers.add(receiver);
    return receiver;
  }

  private String register(ApiClient.TeamAccess access, String url, String types) {
    var response =
        access.post(api, "/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":[" + types + "]}");
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    registered.add(new Registered(access, response.body().get("id").asLong()));
    return response.body().get("secret").asString();
  }

  private String lastError(ApiClient.TeamAccess access) {
    JsonNode error = access.get(api, "/v1/webhooks").body().at("/items/0/last_error");
    return error.isNull() || error.isMissingNode() ? "" : error.asString();
  }

  long schedule(ApiClient.TeamAccess access, String phone, Instant at) {
    var response = access.post(api, "/v1/schedule", body(access, phone, at));
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body().get("id").asLong();
  }

  static String body(ApiClient.TeamAccess access, String phone, Instant at) {
    return """
        {"inbox_id": %d, "execute_at": "%s", "content": {"text": "hello"}, "phone_number": "%s"}
        """
        .formatted(access.inboxId(), at, phone);
  }

  static Instant soon(int seconds) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds + 1);
  }

  static String phone() {
    return "1" + (4_000_000_000L + ThreadLocalRandom.current().nextLong(5_000_000_000L));
  }
}
