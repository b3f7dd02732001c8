package com.scheduleapi.web;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, as a fact the client can act on. Features name their own
 * subclasses ({@code ScheduleNotFound}); the advice turns every one into problem+json.
 */
public abstract class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String errorCode;

  protected ApiException(HttpStatus status, String errorCode, String detail) {
    super(detail);
    this.status = status;
    this.errorCode = errorCode;
  }

  public HttpStatus status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  public List<FieldProblem> fieldProblems() {
    return List.of();
  }

  /** How long the client should wait before trying again, when that is known. */
  public Duration retryAfter() {
    return null;
  }
}
