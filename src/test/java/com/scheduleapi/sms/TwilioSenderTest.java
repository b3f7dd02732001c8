package com.scheduleapi.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Twilio sender against WireMock standing in for Twilio's Messages API. */
class TwilioSenderTest {

  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

  // One server for the class, reset before each test: starting one per test cost seconds.
  private static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<TwilioSender> built = new ArrayList<>();
  private TwilioSender sender;

  @BeforeAll
  static void start() {
    twilio.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.resetAll();
    sender = sender(null, null);
  }

  @AfterEach
  void closeSenders() {
    built.forEach(TwilioSender::close);
  }

  private TwilioSender sender(String messagingService, URI statusCallback) {
    return sender(URI.create(twilio.baseUrl()), messagingService, statusCallback);
  }

  private TwilioSender sender(URI baseUrl, String messagingService, URI statusCallback) {
    TwilioSender twilioSender =
        new TwilioSender(
            new SenderProperties.Twilio(
                SID, "secret-token", baseUrl, Duration.ofSeconds(2), messagingService),
            statusCallback,
            64,
            json,
            Clock.systemUTC());
    built.add(twilioSender);
    return twilioSender;
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
  void sendsThroughAMessagingServiceInsteadOfFromAndAsksForStatusCallbacks() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\"SM0001\",\"status\":\"accepted\","
                            + "\"messaging_service_sid\":\"MG0123\"}")));
    TwilioSender viaService =
        sender("MG0123", URI.create("https://sms.example.org/v1/inbound/twilio/status"));

    SendResult result =
        viaService
            .send(message(UUID.randomUUID(), List.of("14155553434"), false))
            .toCompletableFuture()
            .join();

    assertThat(result).isEqualTo(new SendResult.Sent("SM0001"));
    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withRequestBody(containing("MessagingServiceSid=MG0123"))
            .withRequestBody(notContaining("From="))
            .withRequestBody(
                containing(
                    "StatusCallback=https%3A%2F%2Fsms.example.org%2Fv1%2Finbound%2Ftwilio%2Fstatus")));
  }

  @Test
  void asksForNoStatusCallbackWithoutAPublicUrl() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM2\"}")));

    sender
        .send(message(UUID.randomUUID(), List.of("14155553434"), false))
        .toCompletableFuture()
        .join();

    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(notContaining("StatusCallback")));
  }

  @Test
  void readsTwilioErrorCodesThatMeanMoreThanTheirStatus() {
    assertThat(answerTo(400, 21610, "Attempt to send to unsubscribed recipient"))
        .isEqualTo(
            new SendResult.OptedOut("Twilio 21610: Attempt to send to unsubscribed recipient"));
    assertThat(answerTo(400, 21211, "The 'To' number +1415555 is not a valid phone number."))
        .isEqualTo(
            new SendResult.Failed(
                "Twilio 21211: The 'To' number +1415555 is not a valid phone number."));
    assertThat(answerTo(400, 21614, "'To' number is not a valid mobile number"))
        .isEqualTo(new SendResult.Failed("Twilio 21614: 'To' number is not a valid mobile number"));
    assertThat(answerTo(429, 20429, "Too Many Requests"))
        .isInstanceOfSatisfying(
            SendResult.Throttled.class, t -> assertThat(t.error()).contains("20429"));
    assertThat(answerTo(500, 20500, "Internal Server Error"))
        .isInstanceOfSatisfying(
            SendResult.Retry.class, r -> assertThat(r.error()).contains("HTTP 500"));
    assertThat(answerTo(400, 21408, "Permission to send an SMS has not been enabled"))
        .isInstanceOfSatisfying(
            SendResult.Failed.class, f -> assertThat(f.error()).startsWith("HTTP 400"));
  }

  /** Twilio's error answer: a JSON body with code, message, more_info and status. */
  private SendResult answerTo(int status, int code, String message) {
    twilio.resetAll();
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        json.writeValueAsString(
                            java.util.Map.of(
                                "code",
                                code,
                                "message",
                                message,
                                "more_info",
                                "https://www.twilio.com/docs/errors/" + code,
                                "status",
                                status)))));
    return sender
        .send(message(UUID.randomUUID(), List.of("14155553434"), false))
        .toCompletableFuture()
        .join();
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
  void triesAgainWhenTwilioCannotBeReached() throws java.io.IOException {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    assertThat(
            sender(URI.create("http://127.0.0.1:" + closed), null, null)
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
