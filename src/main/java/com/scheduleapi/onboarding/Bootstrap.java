package com.scheduleapi.onboarding;

import com.scheduleapi.directory.Teams;
import com.scheduleapi.identity.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure a fresh installation can be called: the team {@code default}, its owner and an API
 * key. Idempotent, and safe when several nodes start at once (an advisory lock serialises them). It
 * runs before the web server opens, so the first request already finds the key.
 */
@Component
class Bootstrap implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
  private static final long LOCK = 0x5C4ED01EL;
  private static final int MIN_KEY_LENGTH = 24;

  private final Teams teams;
  private final Credentials credentials;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final OnboardingProperties properties;

  Bootstrap(
      Teams teams,
      Credentials credentials,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      OnboardingProperties properties) {
    this.teams = teams;
    this.credentials = credentials;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    refuseShortKey(properties.bootstrap().apiKey());
    transaction.executeWithoutResult(status -> ensureDefaultTeam());
  }

  /** A short configured key is guessable; refuse to start rather than serve with it. */
  static void refuseShortKey(String configured) {
    if (configured != null
        && !configured.isBlank()
        && configured.trim().length() < MIN_KEY_LENGTH) {
      throw new IllegalStateException(
          "schedule.bootstrap.api-key (SCHEDULE_BOOTSTRAP_API_KEY) is "
              + configured.trim().length()
              + " characters long; use at least "
              + MIN_KEY_LENGTH
              + " (make one with: openssl rand -hex 24), or leave it unset to have one generated");
    }
  }

  private void ensureDefaultTeam() {
    jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
    Optional<Long> existing = teams.findByName("default");
    String configured = properties.bootstrap().apiKey();
    long teamId =
        existing.orElseGet(() -> teams.create("default", "Owner", "owner@example.invalid").id());
    if (configured != null && !configured.isBlank()) {
      credentials.addApiKey(teamId, configured.trim());
      return;
    }
    if (existing.isEmpty() || !credentials.anyApiKey(teamId)) {
      String key = credentials.issueApiKey(teamId);
      Path file = properties.dataDir().resolve("api-key");
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, key + System.lineSeparator());
      } catch (IOException e) {
        log.warn("Could not write the generated API key to {}: {}", file, e.getMessage());
      }
      // Logged once, on the start that creates it; afterwards only the file holds it.
      log.warn(
          "Generated the API key of team 'default' (also in {}): {}", file.toAbsolutePath(), key);
    }
  }
}
