package com.scheduleapi.events;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After a key rotation (a new {@code schedule.events.secret-key}, the old one in {@code
 * previous-secret-keys}), re-encrypts every webhook secret still under an old key, at start-up.
 */
@Component
class SecretRotation {

  private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  SecretRotation(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  @EventListener(ApplicationReadyEvent.class)
  void reencrypt() {
    List<Stored> stale =
        jdbc
            .sql("select id, secret from webhook")
            .query((rs, n) -> new Stored(rs.getLong(1), rs.getBytes(2)))
            .list()
            .stream()
            .filter(s -> cipher.isStale(s.secret()))
            .toList();
    for (Stored stored : stale) {
      byte[] renewed;
      try {
        renewed = cipher.encrypt(cipher.decrypt(stored.secret()));
      } catch (IllegalStateException e) {
        log.warn("Webhook {}: {}", stored.id(), e.getMessage());
        continue;
      }
      jdbc.sql("update webhook set secret = :new where id = :id and secret = :old")
          .param("new", renewed)
          .param("id", stored.id())
          .param("old", stored.secret())
          .update();
    }
    if (!stale.isEmpty()) {
      log.info("Re-encrypted {} webhook secrets with the current key", stale.size());
    }
  }

  private record Stored(long id, byte[] secret) {}
}
