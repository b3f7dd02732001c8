package com.scheduleapi.web;

import org.springframework.http.HttpStatus;

/** No such row for this team; another team's row is not found either. */
public class NotFound extends ApiException {

  public NotFound(String what, Object id) {
    super(HttpStatus.NOT_FOUND, "not_found", "There is no " + what + " with id " + id + ".");
  }

  public NotFound(String detail) {
    super(HttpStatus.NOT_FOUND, "not_found", detail);
  }
}
