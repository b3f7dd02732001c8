package com.scheduleapi.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The team a request acts for, as the access log names it. Authentication knows the team and
 * records it here; the web layer only carries the id, so it depends on no module above it.
 */
public final class RequestTeam {

  private static final String ATTRIBUTE = RequestTeam.class.getName();

  private RequestTeam() {}

  public static void record(HttpServletRequest request, long teamId) {
    request.setAttribute(ATTRIBUTE, Long.toString(teamId));
  }

  /** The team's id, or null before (or without) authentication. */
  static String of(HttpServletRequest request) {
    Object team = request.getAttribute(ATTRIBUTE);
    return team == null ? null : team.toString();
  }
}
