package com.scheduleapi.web;

import org.springframework.http.HttpStatus;

/** The client's If-Match names a revision that is no longer current. */
public class PreconditionFailed extends ApiException {

  public PreconditionFailed(String detail) {
    super(HttpStatus.PRECONDITION_FAILED, "precondition_failed", detail);
  }
}
