package com.scheduleapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem+json straight to the servlet response, so filters and the advice answer alike and
 * no content negotiation can turn an error into another error.
 */
@Component
public class ProblemResponses {

  public static final String MEDIA_TYPE = "application/problem+json";

  private final JsonMapper json;

  public ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String errorCode,
      String detail,
      List<FieldProblem> errors,
      Duration retryAfter)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status.value());
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    if (retryAfter != null) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }
    Problem problem =
        new Problem(
            "https://schedule-api.dev/problems/" + errorCode.replace('_', '-'),
            status.getReasonPhrase(),
            status.value(),
            detail,
            errorCode,
            errors,
            RequestIds.current(request));
    json.writeValue(response.getOutputStream(), problem);
    response.flushBuffer();
  }

  public void write(HttpServletRequest request, HttpServletResponse response, ApiException e)
      throws IOException {
    write(
        request,
        response,
        e.status(),
        e.errorCode(),
        e.getMessage(),
        e.fieldProblems(),
        e.retryAfter());
  }
}
