package com.scheduleapi.identity;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an Authorization header into the calling team: a Bearer or Basic API key, or Heymarket's
 * HS256 JWT whose {@code iss} names a secret and whose {@code iat} is under five minutes old.
 */
@Component
class Authenticator {

  static final Duration TOKEN_LIFE = Duration.ofMinutes(5);
  static final Duration FUTURE_SKEW = Duration.ofMinutes(1);
  private static final Duration CACHE_FOR = Duration.ofSeconds(30);
  private static final int CACHE_LIMIT = 10_000;

  private final Credentials credentials;
  private final Clock clock;
  private final JsonMapper json;
  private final Map<String, Cached> keys = new ConcurrentHashMap<>();

  Authenticator(Credentials credentials, Clock clock, JsonMapper json) {
    this.credentials = credentials;
    this.clock = clock;
    this.json = json;
  }

  Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw Unauthorized.missing();
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0) {
      throw Unauthorized.invalid();
    }
    String scheme = header.substring(0, space);
    String value = header.substring(space + 1).trim();
    if (value.isEmpty()) {
      throw Unauthorized.missing();
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      return apiKey(basicUser(value));
    }
    if (!scheme.equalsIgnoreCase("Bearer")) {
      throw Unauthorized.invalid();
    }
    return value.chars().filter(c -> c == '.').count() == 2 ? jwt(value) : apiKey(value);
  }

  private Caller apiKey(String key) {
    byte[] hash = Secrets.sha256(key);
    String cacheKey = HexFormat.of().formatHex(hash);
    Instant now = clock.instant();
    Cached cached = keys.get(cacheKey);
    if (cached != null && cached.until().isAfter(now)) {
      return new Caller(cached.teamId(), "key:" + cacheKey.substring(0, 12));
    }
    // The lookup is by digest; the digest of a guess reveals nothing about stored keys.
    Optional<Long> team = credentials.teamOfApiKey(hash);
    if (team.isEmpty()) {
      throw Unauthorized.invalid();
    }
    if (keys.size() > CACHE_LIMIT) {
      keys.clear();
    }
    keys.put(cacheKey, new Cached(team.get(), now.plus(CACHE_FOR)));
    return new Caller(team.get(), "key:" + cacheKey.substring(0, 12));
  }

  private Caller jwt(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      throw Unauthorized.invalid();
    }
    JsonNode header = decodePart(parts[0]);
    JsonNode payload = decodePart(parts[1]);
    if (!"HS256".equals(header.path("alg").asString(null))) {
      throw Unauthorized.invalid();
    }
    String issuer = payload.path("iss").asString(null);
    if (issuer == null || issuer.isBlank()) {
      throw Unauthorized.invalid();
    }
    Credentials.JwtSecret secret = credentials.jwtSecret(issuer).orElseThrow(Unauthorized::invalid);
    Claims claims;
    try {
      claims =
          Jwts.parser()
              .verifyWith(Keys.hmacShaKeyFor(secret.digest()))
              .clock(() -> java.util.Date.from(clock.instant()))
              .build()
              .parseSignedClaims(token)
              .getPayload();
    } catch (JwtException | IllegalArgumentException e) {
      throw Unauthorized.invalid();
    }
    if (claims.getIssuedAt() == null) {
      throw Unauthorized.invalid();
    }
    Instant issuedAt = claims.getIssuedAt().toInstant();
    Instant now = clock.instant();
    if (issuedAt.isAfter(now.plus(FUTURE_SKEW))) {
      throw Unauthorized.invalid();
    }
    if (!now.isBefore(issuedAt.plus(TOKEN_LIFE))) {
      throw Unauthorized.expired();
    }
    return new Caller(secret.teamId(), "jwt:" + issuer);
  }

  private JsonNode decodePart(String part) {
    try {
      JsonNode node = json.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw Unauthorized.invalid();
      }
      return node;
    } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
      throw Unauthorized.invalid();
    }
  }

  private static String basicUser(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Unauthorized.invalid();
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    if (user.isEmpty()) {
      throw Unauthorized.missing();
    }
    return user;
  }

  /** Constant-time comparison for secrets held in configuration. */
  static boolean sameSecret(String given, String expected) {
    if (given == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(Secrets.sha256(given), Secrets.sha256(expected));
  }

  private record Cached(long teamId, Instant until) {}
}
