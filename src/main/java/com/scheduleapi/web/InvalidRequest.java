package com.scheduleapi.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** The request broke one or more rules; each problem names its field. */
public class InvalidRequest extends ApiException {

  private final List<FieldProblem> problems;

  public InvalidRequest(String detail, List<FieldProblem> problems) {
    super(HttpStatus.BAD_REQUEST, "bad_data", detail);
    this.problems = List.copyOf(problems);
  }

  public static InvalidRequest of(String field, String message) {
    return new InvalidRequest(field + ": " + message, List.of(new FieldProblem(field, message)));
  }

  @Override
  public List<FieldProblem> fieldProblems() {
    return problems;
  }
}
