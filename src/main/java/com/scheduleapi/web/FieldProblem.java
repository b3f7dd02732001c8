package com.scheduleapi.web;

/** One thing wrong with one field of a request: the field's JSON path and how to fix it. */
public record FieldProblem(String field, String message) {}
