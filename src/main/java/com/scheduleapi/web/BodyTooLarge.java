package com.scheduleapi.web;

import org.springframework.http.HttpStatus;

/** The request body is over the limit every endpoint shares. */
public class BodyTooLarge extends ApiException {

  public BodyTooLarge(long limit) {
    super(
        HttpStatus.CONTENT_TOO_LARGE,
        "too_large",
        "The request body is larger than " + limit + " bytes; send less in one request.");
  }
}
