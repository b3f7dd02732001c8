package com.scheduleapi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the management endpoints private on the service port. Anyone may ask the health status and
 * the liveness and readiness probes, and get {@code {"status"}} alone (with 503 when not UP);
 * health details and every other endpoint under {@code /actuator} need the admin token. The admin
 * is made known to Actuator as a principal in the role {@value #ROLE}, which {@code
 * management.endpoint.health.show-details=when-authorized} with that role turns into details: the
 * project has no Spring Security, and needs none for one token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class ManagementAccess extends OncePerRequestFilter {

  /** The role of {@code management.endpoint.health.roles}. */
  static final String ROLE = "admin";

  private static final String BASE = "/actuator";
  private static final Set<String> PROBES =
      Set.of(BASE + "/health", BASE + "/health/liveness", BASE + "/health/readiness");

  private final ProblemResponses problems;
  private final JsonMapper json;
  private final byte[] adminToken;

  ManagementAccess(
      ProblemResponses problems,
      JsonMapper json,
      @Value("${schedule.admin-token:}") String adminToken) {
    this.problems = problems;
    this.json = json;
    this.adminToken =
        adminToken.isBlank() ? null : adminToken.trim().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    return !path.equals(BASE) && !path.startsWith(BASE + "/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (isAdmin(header)) {
      chain.doFilter(new Admin(request), response);
    } else if (PROBES.contains(path(request))) {
      // Probes and load balancers call without credentials (or with a team's key): status only.
      statusOnly(request, response, chain);
    } else {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"management\"");
      problems.write(request, response, new AdminTokenRequired(header == null));
    }
  }

  /**
   * Actuator leaves out the details for such a caller but still names the health groups at the
   * root; the answer keeps its HTTP status and gives {@code {"status"}} alone.
   */
  private void statusOnly(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, cached);
    JsonNode status = status(cached.getContentAsByteArray());
    if (status != null) {
      cached.resetBuffer();
      json.writeValue(cached.getOutputStream(), Map.of("status", status.asString()));
    }
    cached.copyBodyToResponse();
  }

  private JsonNode status(byte[] body) {
    try {
      JsonNode status = json.readTree(body).get("status");
      return status != null && status.isString() ? status : null;
    } catch (JacksonException notJson) {
      return null;
    }
  }

  /**
   * The path as the servlet container decoded and normalised it, which is what Spring matches
   * endpoints against: {@code /%61ctuator/info} must not slip past as another path.
   */
  private static String path(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  private boolean isAdmin(String header) {
    if (adminToken == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] token = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token, adminToken);
  }

  /** The request of the admin, as Actuator's security context reads it. */
  private static final class Admin extends HttpServletRequestWrapper {

    private static final Principal ADMIN = () -> "admin";

    Admin(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Principal getUserPrincipal() {
      return ADMIN;
    }

    @Override
    public boolean isUserInRole(String role) {
      return ROLE.equals(role);
    }
  }

  /** A management endpoint asked without the admin token, or with a wrong one. */
  private static final class AdminTokenRequired extends ApiException {

    AdminTokenRequired(boolean missing) {
      super(
          HttpStatus.UNAUTHORIZED,
          missing ? "missing_admin_token" : "invalid_admin_token",
          missing
              ? "Management endpoints need the admin token: send 'Authorization: Bearer <admin"
                  + " token>' (schedule.admin-token). The health status and probes need none."
              : "The admin token is not valid (or none is configured: set schedule.admin-token).");
    }
  }
}
