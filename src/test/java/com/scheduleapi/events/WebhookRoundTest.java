package com.scheduleapi.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.EventReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A round of calls to one endpoint, against a real receiver on loopback: a healthy endpoint takes
 * every event; one that refuses is not called with the whole batch, and one already failing gets a
 * single call first.
 */
class WebhookRoundTest {

  private static final int IN_FLIGHT = 4;
  private static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  private final EventReceiver receiver = new EventReceiver("127.0.0.1");
  private final RelayHttp http = new RelayHttp(Duration.ofSeconds(5), IN_FLIGHT);
  private final WebhookCalls calls =
      new WebhookCalls(http, new UrlGuard(true, AddressPolicy.STANDARD), IN_FLIGHT);

  @AfterEach
  void close() {
    http.close();
    receiver.close();
  }

  @Test
  void aHealthyEndpointTakesEveryEventOnce() {
    List<WebhookCalls.Attempted> attempted = send(50, false);

    assertThat(attempted).hasSize(50).allMatch(WebhookCalls.Attempted::ok);
    assertThat(receiver.calls()).hasSize(50);
    assertThat(receiver.calls().stream().map(EventReceiver.Call::id).distinct()).hasSize(50);
  }

  @Test
  void anEndpointThatRefusesGetsNoMoreThanTheCallsAlreadyInFlight() {
    receiver.down(503);

    List<WebhookCalls.Attempted> attempted = send(50, false);

    assertThat(attempted).hasSize(50).noneMatch(WebhookCalls.Attempted::ok);
    assertThat(receiver.calls()).hasSizeLessThanOrEqualTo(IN_FLIGHT);
    assertThat(attempted.get(49).error()).startsWith("not called");
  }

  @Test
  void anEndpointAlreadyFailingGetsOneCallAndTheRestOnlyIfItIsTaken() {
    receiver.down(503);
    assertThat(send(50, true)).noneMatch(WebhookCalls.Attempted::ok);
    assertThat(receiver.calls()).hasSize(1);

    receiver.up();
    assertThat(send(50, true)).allMatch(WebhookCalls.Attempted::ok);
    assertThat(receiver.calls()).hasSize(51);
  }

  @Test
  void oneRefusedEventAmongTakenOnesDoesNotStopTheRound() {
    receiver.script(503);

    List<WebhookCalls.Attempted> attempted = send(50, false);

    assertThat(attempted.stream().filter(a -> !a.ok())).hasSize(1);
    assertThat(receiver.calls()).hasSize(50);
  }

  private List<WebhookCalls.Attempted> send(int count, boolean failing) {
    List<WebhookCalls.Pending> events =
        IntStream.range(0, count)
            .mapToObj(
                i ->
                    new WebhookCalls.Pending(
                        new EventView(
                            "evt_" + i,
                            "delivery.sent",
                            "2026-11-27T00:00:00Z",
                            "{\"schedule_id\":" + i + "}",
                            (long) i),
                        i,
                        0))
            .toList();
    return calls.sendAll(URI.create(receiver.url()), SECRET, events, failing).join();
  }
}
