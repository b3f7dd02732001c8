package com.scheduleapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that can answer 409 {@code conflict} (a state or a {@code local_id} that
 * forbids the change), so that its OpenAPI operation lists that answer ({@link ProblemDocs}). The
 * other error answers follow from the operation's shape and need no marker.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MayConflict {}
