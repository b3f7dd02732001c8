package com.scheduleapi.sms;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * The retry rules every HTTP sender shares: 408, 429, 5xx and network trouble pass; other 4xx
 * don't.
 */
final class HttpOutcomes {

  private HttpOutcomes() {}

  /**
   * Sends the request and reads the answer: a 2xx is sent (its body gives the provider's id),
   * anything else goes by the rules below.
   */
  static SendResult exchange(
      HttpClient http, HttpRequest request, Function<String, String> providerId, Clock clock) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new SendResult.Sent(idOrNull(providerId, response.body()));
      }
      return ofStatus(
          status,
          response.headers().firstValue("Retry-After").orElse(null),
          response.body(),
          clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.Retry("interrupted while sending", null);
    } catch (Exception e) {
      return ofException(e);
    }
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
    return isPassing(status)
        ? new SendResult.Retry(error, RetryAfter.parse(retryAfterHeader, now))
        : new SendResult.Failed(error);
  }

  static SendResult ofException(Exception e) {
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
