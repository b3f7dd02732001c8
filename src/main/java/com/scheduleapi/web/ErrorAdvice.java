package com.scheduleapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** The one place where exceptions become problem+json answers. */
@RestControllerAdvice
class ErrorAdvice {

  private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

  /** SQL states of text PostgreSQL refuses: character_not_in_repertoire, untranslatable. */
  private static final List<String> UNSTORABLE_TEXT = List.of("22021", "22P05");

  private final ProblemResponses problems;

  ErrorAdvice(ProblemResponses problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ApiException.class)
  void api(ApiException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    problems.write(request, response, e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  void unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    BodyTooLarge tooLarge = causeOf(e, BodyTooLarge.class);
    if (tooLarge != null) {
      problems.write(request, response, tooLarge);
      return;
    }
    JacksonException jackson = causeOf(e, JacksonException.class);
    if (jackson != null && !jackson.getPath().isEmpty()) {
      String field = path(jackson.getPath());
      problems.write(
          request,
          response,
          InvalidRequest.of(field, "has the wrong type; see the API documentation for its type"));
      return;
    }
    problems.write(
        request,
        response,
        new InvalidRequest(
            "The request body is not valid JSON: send one JSON object.",
            List.of(new FieldProblem("body", "must be a JSON object"))));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  void typeMismatch(
      MethodArgumentTypeMismatchException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    if (e.getParameter()
        .hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
      problems.write(request, response, new NotFound("There is no resource at this path."));
      return;
    }
    problems.write(request, response, InvalidRequest.of(e.getName(), "has the wrong type"));
  }

  /** Tomcat refuses a query string it cannot parse (a parameter without a name, say) when read. */
  @ExceptionHandler(InvalidParameterException.class)
  void invalidQuery(HttpServletRequest request, HttpServletResponse response) throws IOException {
    problems.write(
        request,
        response,
        InvalidRequest.of(
            "query", "is not a valid query string: give each parameter a name, as name=value"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  void missingParameter(
      MissingServletRequestParameterException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    problems.write(request, response, InvalidRequest.of(e.getParameterName(), "is required"));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  void missingHeader(
      MissingRequestHeaderException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    problems.write(request, response, InvalidRequest.of(e.getHeaderName(), "header is required"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  void method(
      HttpRequestMethodNotSupportedException e,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    if (e.getSupportedHttpMethods() != null) {
      response.setHeader(
          "Allow",
          e.getSupportedHttpMethods().stream()
              .map(Object::toString)
              .collect(Collectors.joining(", ")));
    }
    write(
        request,
        response,
        HttpStatus.METHOD_NOT_ALLOWED,
        "method_not_allowed",
        request.getMethod() + " is not allowed here; use " + e.getSupportedHttpMethods() + ".");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  void notAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(
        request,
        response,
        HttpStatus.NOT_ACCEPTABLE,
        "not_acceptable",
        "This endpoint answers application/json; send Accept: application/json.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  void unsupported(HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(
        request,
        response,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Send the body as JSON with Content-Type: application/json.");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  void noResource(HttpServletRequest request, HttpServletResponse response) throws IOException {
    problems.write(request, response, new NotFound("There is no resource at this path."));
  }

  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    QueryTimeoutException.class
  })
  void unavailable(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    DatabaseUnavailable.log("on " + request.getMethod() + " " + request.getRequestURI(), e);
    problems.write(request, response, new DatabaseUnavailable());
  }

  @ExceptionHandler(Exception.class)
  void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String contentType = request.getContentType();
    if (e instanceof IllegalArgumentException && contentType != null && contentType.contains("*")) {
      // Spring refuses a wildcard Content-Type (*/*) with an IllegalArgumentException.
      unsupported(request, response);
      return;
    }
    if (DatabaseUnavailable.causedBy(e)) {
      unavailable(e, request, response);
      return;
    }
    java.sql.SQLException sql = causeOf(e, java.sql.SQLException.class);
    if (sql != null && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
      // Valid JSON, but PostgreSQL text cannot hold it (U+0000): the client's data, not our fault.
      problems.write(
          request,
          response,
          new InvalidRequest(
              "The request holds a character that cannot be stored (such as \\u0000); remove it.",
              List.of(new FieldProblem("body", "must not contain the character U+0000"))));
      return;
    }
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    write(
        request,
        response,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "Something went wrong on our side; quote the request id when you report it.");
  }

  private void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String code,
      String detail)
      throws IOException {
    problems.write(request, response, status, code, detail, List.of(), null);
  }

  static String path(List<JacksonException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JacksonException.Reference reference : path) {
      if (reference.getPropertyName() != null) {
        if (field.length() > 0) {
          field.append('.');
        }
        field.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.length() == 0 ? "body" : field.toString();
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
