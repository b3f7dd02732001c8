package com.scheduleapi.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects every problem of a request before answering, so the client can fix them all at once. */
public final class FieldChecks {

  private final List<FieldProblem> problems = new ArrayList<>();

  public FieldChecks reject(String field, String message) {
    problems.add(new FieldProblem(field, message));
    return this;
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  public boolean hasProblemAt(String field) {
    return problems.stream().anyMatch(p -> p.field().equals(field));
  }

  /** Throws {@link InvalidRequest} naming every problem found so far, if there is any. */
  public void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    String detail =
        problems.stream()
            .map(p -> p.field() + ": " + p.message())
            .collect(Collectors.joining("; ", "The request has problems. ", "."));
    throw new InvalidRequest(detail, problems);
  }
}
