package com.scheduleapi.identity;

import com.scheduleapi.web.ApiException;
import org.springframework.http.HttpStatus;

/** The request did not prove which team it acts for. */
class Unauthorized extends ApiException {

  Unauthorized(String errorCode, String detail) {
    super(HttpStatus.UNAUTHORIZED, errorCode, detail);
  }

  static Unauthorized missing() {
    return new Unauthorized(
        "missing_api_key",
        "Send your API key as 'Authorization: Bearer <api key>' (or Basic, or a signed JWT).");
  }

  static Unauthorized invalid() {
    return new Unauthorized(
        "invalid_api_key", "The API key or token is not valid; check it and try again.");
  }

  static Unauthorized expired() {
    return new Unauthorized(
        "expired_token", "The token is older than 5 minutes; sign a new one with a fresh iat.");
  }
}
