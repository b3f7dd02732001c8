package com.scheduleapi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request: method, path, status, duration, request id and team. It runs inside
 * {@link RequestIds} (for the id) and around the body limit and authentication, so their refusals
 * are logged too; the team is read from the request ({@link RequestTeam}) once the chain is done,
 * because the authentication filter clears it from the MDC on the way out. Never logs headers,
 * query strings or bodies, where credentials travel.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLog extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long started = System.nanoTime();
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      // An exception escaping the chain becomes a 500 after this filter has returned.
      int status = failed ? 500 : response.getStatus();
      log(request, status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  private void log(HttpServletRequest request, int status, long millis) {
    String path = request.getRequestURI();
    // Probes and scrapes come every few seconds; they are logged only when asked for.
    Level level = path.startsWith("/actuator/") && status < 500 ? Level.DEBUG : Level.INFO;
    if (!log.isEnabledForLevel(level)) {
      return;
    }
    String team = RequestTeam.of(request);
    boolean ownTeam = team != null && MDC.get("team_id") == null;
    if (ownTeam) {
      MDC.put("team_id", team);
    }
    try {
      log.atLevel(level)
          .addKeyValue("http.request.method", request.getMethod())
          .addKeyValue("url.path", path)
          .addKeyValue("http.response.status_code", status)
          .addKeyValue("event.duration_ms", millis)
          .log(
              "{} {} {} {} ms request_id={} team_id={}",
              request.getMethod(),
              path,
              status,
              millis,
              RequestIds.current(request),
              team == null ? "-" : team);
    } finally {
      if (ownTeam) {
        MDC.remove("team_id");
      }
    }
  }
}
