package com.scheduleapi.sms;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;

/**
 * The retry rules every HTTP sender shares: 408, 429, 5xx and network trouble pass; other 4xx
 * don't.
 */
final class HttpOutcomes {

  private HttpOutcomes() {}

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
