package com.scheduleapi.web;

import org.springframework.http.HttpStatus;

/** The request clashes with the state of a row (already sent, local_id taken). */
public class Conflict extends ApiException {

  public Conflict(String detail) {
    super(HttpStatus.CONFLICT, "conflict", detail);
  }
}
