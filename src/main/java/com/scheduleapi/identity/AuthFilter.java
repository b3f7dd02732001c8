package com.scheduleapi.identity;

import com.scheduleapi.web.ApiException;
import com.scheduleapi.web.DatabaseUnavailable;
import com.scheduleapi.web.NotFound;
import com.scheduleapi.web.ProblemResponses;
import com.scheduleapi.web.RequestTeam;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request but health, metrics and API docs must prove its team; {@code /admin/**} needs the
 * admin token instead and does not exist without one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class AuthFilter extends OncePerRequestFilter {

  static final String CALLER = Caller.class.getName();
  private static final List<String> OPEN =
      List.of(
          "/actuator",
          "/v3/api-docs",
          "/swagger-ui",
          "/error",
          "/favicon.ico",
          // Twilio's webhooks prove themselves with Twilio's signature (inbound module).
          "/v1/inbound/twilio");

  private final Authenticator authenticator;
  private final RateLimiter rateLimiter;
  private final ProblemResponses problems;
  private final String adminToken;

  AuthFilter(
      Authenticator authenticator,
      RateLimiter rateLimiter,
      ProblemResponses problems,
      IdentityProperties properties) {
    this.authenticator = authenticator;
    this.rateLimiter = rateLimiter;
    this.problems = problems;
    this.adminToken = properties.adminToken();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return OPEN.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    try {
      if (path.equals("/admin") || path.startsWith("/admin/")) {
        checkAdmin(request);
      } else {
        Caller caller = authenticator.authenticate(request.getHeader("Authorization"));
        rateLimiter.acquire(caller.credential());
        request.setAttribute(CALLER, caller);
        RequestTeam.record(request, caller.teamId());
        MDC.put("team_id", Long.toString(caller.teamId()));
      }
    } catch (ApiException e) {
      problems.write(request, response, e);
      return;
    } catch (RuntimeException e) {
      // The key lookup needs the database: while it is away, say so (503), not 500 or 401.
      if (!DatabaseUnavailable.causedBy(e)) {
        throw e;
      }
      DatabaseUnavailable.log("while authenticating", e);
      problems.write(request, response, new DatabaseUnavailable());
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove("team_id");
    }
  }

  private void checkAdmin(HttpServletRequest request) {
    if (adminToken == null || adminToken.isBlank()) {
      throw new NotFound("There is no resource at this path.");
    }
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      throw Unauthorized.missing();
    }
    String token =
        header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    if (!Authenticator.sameSecret(token, adminToken)) {
      throw Unauthorized.invalid();
    }
  }
}
