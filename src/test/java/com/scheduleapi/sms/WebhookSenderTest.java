package com.scheduleapi.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The webhook sender's outcome rules, against a real local HTTP server. */
class WebhookSenderTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final List<WebhookSender> built = new ArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    built.forEach(WebhookSender::close);
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aSlowAnswerIsATimeoutToTryAgain() throws IOException {
    URI url = serve(200, Duration.ofSeconds(2), null);
    WebhookSender sender = sender(url, Duration.ofMillis(300));

    assertThat(sender.send(message()).toCompletableFuture().join())
        .isInstanceOfSatisfying(
            SendResult.Retry.class, r -> assertThat(r.error()).contains("timeout"));
  }

  @Test
  void aRefusedConnectionIsTriedAgain() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    WebhookSender sender =
        sender(URI.create("http://127.0.0.1:" + port + "/hook"), Duration.ofSeconds(1));

    assertThat(sender.send(message()).toCompletableFuture().join())
        .isInstanceOf(SendResult.Retry.class);
  }

  @Test
  void requestTimeoutAndServerErrorsAreTriedAgainButOtherClientErrorsFail() throws IOException {
    for (int status : new int[] {408, 500, 503}) {
      URI url = serve(status, Duration.ZERO, "3");
      assertThat(sender(url, Duration.ofSeconds(2)).send(message()).toCompletableFuture().join())
          .as("HTTP " + status)
          .isInstanceOf(SendResult.Retry.class);
      server.stop(0);
    }
    for (int status : new int[] {400, 401, 404, 422}) {
      URI url = serve(status, Duration.ZERO, null);
      assertThat(sender(url, Duration.ofSeconds(2)).send(message()).toCompletableFuture().join())
          .as("HTTP " + status)
          .isInstanceOf(SendResult.Failed.class);
      server.stop(0);
    }
    server = null;
  }

  @Test
  void aTwoHundredWithoutAJsonBodyIsStillSent() throws IOException {
    URI url = serve(204, Duration.ZERO, null);
    assertThat(sender(url, Duration.ofSeconds(2)).send(message()).toCompletableFuture().join())
        .isEqualTo(new SendResult.Sent(null));
  }

  @Test
  void honoursRetryAfter() throws IOException {
    URI url = serve(503, Duration.ZERO, "12");
    assertThat(sender(url, Duration.ofSeconds(2)).send(message()).toCompletableFuture().join())
        .isInstanceOfSatisfying(
            SendResult.Retry.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
  }

  @Test
  void tooManyRequestsIsAThrottleWithItsRetryAfterNotAFailedAttempt() throws IOException {
    URI url = serve(429, Duration.ZERO, "9");
    assertThat(sender(url, Duration.ofSeconds(2)).send(message()).toCompletableFuture().join())
        .isInstanceOfSatisfying(
            SendResult.Throttled.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(9)));
  }

  @Test
  void callsInFlightHoldNoThreadOfTheCaller() throws IOException {
    URI url = serve(200, Duration.ofMillis(300), null, 64);
    WebhookSender sender = sender(url, Duration.ofSeconds(10));

    // Every call returns at once; the answers come later, on the client's own threads.
    List<java.util.concurrent.CompletableFuture<SendResult>> calls =
        java.util.stream.IntStream.range(0, 50)
            .mapToObj(i -> sender.send(message()).toCompletableFuture())
            .toList();
    assertThat(calls).anyMatch(call -> !call.isDone());

    assertThat(calls.stream().map(java.util.concurrent.CompletableFuture::join))
        .allMatch(r -> r instanceof SendResult.Sent);
  }

  private WebhookSender sender(URI url, Duration readTimeout) {
    WebhookSender sender =
        new WebhookSender(
            new SenderProperties.Webhook(url, Duration.ofSeconds(1), readTimeout),
            64,
            json,
            Clock.systemUTC());
    built.add(sender);
    return sender;
  }

  private URI serve(int status, Duration delay, String retryAfter) throws IOException {
    return serve(status, delay, retryAfter, 1);
  }

  private URI serve(int status, Duration delay, String retryAfter, int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(threads));
    server.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private static OutgoingMessage message() {
    return new OutgoingMessage(
        1,
        2,
        UUID.randomUUID(),
        3,
        "14155550100",
        List.of("14155553434"),
        false,
        "hi",
        null,
        null,
        4,
        "n1");
  }
}
