package com.scheduleapi.sms;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The retry rules every HTTP sender shares: 408, 429, 5xx and network trouble pass; other 4xx
 * don't. And the one way they reach a provider: a non-blocking client that pools keep-alive
 * connections, so a call in flight holds a connection, not a thread.
 */
final class HttpOutcomes {

  private HttpOutcomes() {}

  /**
   * A client for one provider for the life of the node. HTTP/2 is offered where TLS negotiates it
   * (ALPN); plain-text endpoints are spoken to in HTTP/1.1, without an upgrade attempt per
   * connection. A few threads read the answers, however many calls are in flight.
   */
  static HttpClient client(Duration connectTimeout, boolean http2) {
    ExecutorService answers =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "sms-http");
              thread.setDaemon(true);
              return thread;
            });
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(http2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .executor(answers)
        .build();
  }

  /**
   * Sends the request and reads the answer: a 2xx is sent (its body gives the provider's id),
   * anything else goes by the rules below. The stage always completes normally.
   */
  static CompletionStage<SendResult> exchange(
      HttpClient http, HttpRequest request, Function<String, String> providerId, Clock clock) {
    return exchange(http, request, (status, body) -> null, providerId, clock);
  }

  /** As above, with a provider's own reading of a failed answer, which wins when not null. */
  static CompletionStage<SendResult> exchange(
      HttpClient http,
      HttpRequest request,
      ProviderErrors errors,
      Function<String, String> providerId,
      Clock clock) {
    try {
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .handle(
              (response, failure) ->
                  failure != null
                      ? ofException(failure)
                      : ofResponse(response, errors, providerId, clock.instant()));
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.completedFuture(ofException(e));
    }
  }

  private static SendResult ofResponse(
      HttpResponse<String> response,
      ProviderErrors errors,
      Function<String, String> providerId,
      Instant now) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new SendResult.Sent(idOrNull(providerId, response.body()));
    }
    SendResult provider = errors.read(status, response.body());
    if (provider != null) {
      return provider;
    }
    return ofStatus(
        status, response.headers().firstValue("Retry-After").orElse(null), response.body(), now);
  }

  /** A provider's meaning of an error answer, or null to go by the status alone. */
  interface ProviderErrors {
    SendResult read(int status, String body);
  }

  /** An accepted message stays accepted even when the answer's body cannot be read. */
  private static String idOrNull(Function<String, String> providerId, String body) {
    try {
      return body == null || body.isBlank() ? null : providerId.apply(body);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  static boolean isPassing(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  static SendResult ofStatus(int status, String retryAfterHeader, String body, Instant now) {
    String error =
        "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
    if (status == 429) {
      return new SendResult.Throttled(error, RetryAfter.parse(retryAfterHeader, now));
    }
    return isPassing(status)
        ? new SendResult.Retry(error, RetryAfter.parse(retryAfterHeader, now))
        : new SendResult.Failed(error);
  }

  static SendResult ofException(Throwable thrown) {
    Throwable e =
        thrown instanceof CompletionException && thrown.getCause() != null
            ? thrown.getCause()
            : thrown;
    if (e instanceof HttpConnectTimeoutException) {
      return new SendResult.Retry("connect timeout", null);
    }
    if (e instanceof HttpTimeoutException) {
      return new SendResult.Retry("timeout waiting for the answer", null);
    }
    if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      return new SendResult.Retry("connection refused", null);
    }
    return new SendResult.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
