package com.scheduleapi.web;

import java.util.List;

/** The body of every error answer (RFC 9457 problem details plus our error code and request id). */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String errorCode,
    List<FieldProblem> errors,
    String requestId) {}
