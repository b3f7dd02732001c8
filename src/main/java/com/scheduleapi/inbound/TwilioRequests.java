package com.scheduleapi.inbound;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks that a request to one of Twilio's webhooks comes from Twilio: its signature over the URL
 * Twilio called (behind a proxy, {@code schedule.public-url} names it) and the form fields, made
 * with the account's auth token.
 */
@Component
class TwilioRequests {

  private final TwilioSignature signature;
  private final String publicUrl;

  TwilioRequests(Environment environment) {
    this.signature =
        new TwilioSignature(environment.getProperty("schedule.sender.twilio.auth-token"));
    this.publicUrl = environment.getProperty("schedule.public-url");
  }

  /** Throws {@link BadSignature} unless the header signs this request. */
  void verify(HttpServletRequest request, String header) {
    if (!signature.matches(urlOf(request), request.getParameterMap(), header)) {
      throw new BadSignature();
    }
  }

  /** The URL Twilio called, as Twilio saw it. */
  private String urlOf(HttpServletRequest request) {
    String path = request.getRequestURI();
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    if (publicUrl != null && !publicUrl.isBlank()) {
      return publicUrl.replaceAll("/+$", "") + path + query;
    }
    return request.getRequestURL() + query;
  }
}
