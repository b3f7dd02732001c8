package com.scheduleapi.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Twilio sender against WireMock standing in for Twilio's Messages API. */
class TwilioSenderTest {

  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

  private final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
  private final JsonMapper json = JsonMapper.builder().build();
  private TwilioSender sender;

  @BeforeEach
  void start() {
    twilio.start();
    sender =
        new TwilioSender(
            new SenderProperties.Twilio(
                SID, "secret-token", URI.create(twilio.baseUrl()), Duration.ofSeconds(2)),
            json,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    twilio.stop();
  }

  @Test
  void postsTheMessageAsTwilioExpectsAndKeepsItsSid() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse().withStatus(201).withBody("{\"sid\":\"SM123\",\"status\":\"queued\"}")));
    UUID key = UUID.randomUUID();

    SendResult result =
        sender.send(message(key, List.of("14155553434"), false)).toCompletableFuture().join();

    assertThat(result).isEqualTo(new SendResult.Sent("SM123"));
    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials(SID, "secret-token"))
            .withHeader("I-Twilio-Idempotency-Token", equalTo(key.toString()))
            .withRequestBody(containing("To=%2B14155553434"))
            .withRequestBody(containing("From=%2B14155550100"))
            .withRequestBody(containing("Body=Your+appointment"))
            .withRequestBody(containing("MediaUrl=https%3A%2F%2Fexample.com%2Fa.png")));
  }

  @Test
  void tooManyRequestsSlowsTheInboxDownForRetryAfter() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("{}")));

    SendResult result =
        sender
            .send(message(UUID.randomUUID(), List.of("14155553434"), false))
            .toCompletableFuture()
            .join();

    assertThat(result)
        .isInstanceOfSatisfying(
            SendResult.Throttled.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void triesAgainOnServerErrorsAndFailsOnClientErrors() {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
    assertThat(
            sender
                .send(message(UUID.randomUUID(), List.of("14155553434"), false))
                .toCompletableFuture()
                .join())
        .isInstanceOf(SendResult.Retry.class);

    twilio.resetAll();
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"code\":21211,\"message\":\"Invalid 'To'\"}")));
    assertThat(
            sender
                .send(message(UUID.randomUUID(), List.of("14155553434"), false))
                .toCompletableFuture()
                .join())
        .isInstanceOfSatisfying(
            SendResult.Failed.class, f -> assertThat(f.error()).contains("21211"));
  }

  @Test
  void sendsAGroupToEachPhoneWithItsOwnToken() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SMx\"}")));
    UUID key = UUID.randomUUID();

    SendResult result =
        sender
            .send(message(key, List.of("14155553434", "14155553435"), true))
            .toCompletableFuture()
            .join();

    assertThat(result).isEqualTo(new SendResult.Sent("SMx,SMx"));
    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withHeader("I-Twilio-Idempotency-Token", equalTo(key + "-0")));
    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withHeader("I-Twilio-Idempotency-Token", equalTo(key + "-1")));
  }

  @Test
  void anAcceptedMessageWithAnUnreadableAnswerIsNotSentAgain() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withBody("<xml/>")));

    assertThat(
            sender
                .send(message(UUID.randomUUID(), List.of("14155553434"), false))
                .toCompletableFuture()
                .join())
        .isEqualTo(new SendResult.Sent(null));
  }

  @Test
  void triesAgainWhenTwilioCannotBeReached() {
    twilio.stop();
    assertThat(
            sender
                .send(message(UUID.randomUUID(), List.of("14155553434"), false))
                .toCompletableFuture()
                .join())
        .isInstanceOf(SendResult.Retry.class);
  }

  private OutgoingMessage message(UUID key, List<String> to, boolean group) {
    return new OutgoingMessage(
        1,
        2,
        key,
        3,
        "14155550100",
        to,
        group,
        "Your appointment is tomorrow",
        json.readTree(
            "[{\"url\":\"https://example.com/a.png\",\"type\":\"image/png\",\"name\":\"a.png\"}]"),
        null,
        4,
        "node-1");
  }
}
