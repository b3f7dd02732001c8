package com.scheduleapi.sms;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.function.Function;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * The retry rules every HTTP sender shares: 408, 429, 5xx and network trouble pass; other 4xx
 * don't. {@link ProviderClient} reads each answer or failure by them.
 */
final class HttpOutcomes {

  private HttpOutcomes() {}

  /**
   * What an answer means: a 2xx is sent (its body gives the provider's id); otherwise the
   * provider's own reading wins when not null, then the status and its Retry-After.
   */
  static SendResult ofAnswer(
      int status,
      String retryAfterHeader,
      String body,
      ProviderErrors errors,
      Function<String, String> providerId,
      Instant now) {
    if (status >= 200 && status < 300) {
      return new SendResult.Sent(idOrNull(providerId, body));
    }
    SendResult provider = errors.read(status, body);
    if (provider != null) {
      return provider;
    }
    return ofStatus(status, retryAfterHeader, body, now);
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

  /** A call that got no answer: every kind of network trouble is tried again. */
  static SendResult ofException(Throwable e) {
    // Before the read timeout: Apache's connect timeout is a SocketTimeoutException too.
    if (e instanceof ConnectTimeoutException) {
      return new SendResult.Retry("connect timeout", null);
    }
    if (e instanceof SocketTimeoutException) {
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
