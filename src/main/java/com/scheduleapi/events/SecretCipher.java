package com.scheduleapi.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Webhook secrets must be readable to sign with, so they are stored AES-GCM encrypted under a key
 * from configuration, never in clear. A stored secret names its key (the first 8 bytes of the key's
 * SHA-256), so keys can be rotated: the new key in {@code schedule.events.secret-key}, the old ones
 * in {@code previous-secret-keys}, and {@link SecretRotation} re-encrypts at start-up.
 */
@Component
class SecretCipher {

  private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
  private static final int IV = 12;
  private static final int ID = 8;

  private final SecureRandom random = new SecureRandom();
  private final Key current;
  private final List<Key> keys = new ArrayList<>();

  SecretCipher(EventsProperties properties, Environment environment) {
    current = new Key(keyMaterial(properties, environment));
    keys.add(current);
    properties.previousSecretKeys().forEach(k -> keys.add(new Key(k)));
  }

  byte[] encrypt(String secret) {
    byte[] iv = new byte[IV];
    random.nextBytes(iv);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, current, iv, secret.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(ID + IV + sealed.length).put(current.id).put(iv).put(sealed).array();
  }

  String decrypt(byte[] stored) {
    byte[] id = Arrays.copyOfRange(stored, 0, ID);
    Key key =
        keys.stream()
            .filter(k -> Arrays.equals(k.id, id))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "a webhook secret is encrypted with a key this node does not have; set"
                            + " schedule.events.secret-key (or previous-secret-keys) as on the"
                            + " other nodes"));
    byte[] iv = Arrays.copyOfRange(stored, ID, ID + IV);
    byte[] plain =
        run(Cipher.DECRYPT_MODE, key, iv, Arrays.copyOfRange(stored, ID + IV, stored.length));
    return new String(plain, StandardCharsets.UTF_8);
  }

  /** Whether a stored secret is encrypted with another key than the current one. */
  boolean isStale(byte[] stored) {
    return !Arrays.equals(Arrays.copyOfRange(stored, 0, ID), current.id);
  }

  private static byte[] run(int mode, Key key, byte[] iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key.bytes, "AES"), new GCMParameterSpec(128, iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("webhook secret could not be " + mode, e);
    }
  }

  /**
   * The configured key; else one derived from the admin token or the bootstrap key (shared by every
   * node of a cluster, and stored nowhere in the database); else one generated into the data
   * directory.
   */
  private static String keyMaterial(EventsProperties properties, Environment environment) {
    if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
      return properties.secretKey();
    }
    for (String fallback : List.of("schedule.admin-token", "schedule.bootstrap.api-key")) {
      String value = environment.getProperty(fallback);
      if (value != null && !value.isBlank()) {
        log.info("Webhook secrets are encrypted with a key derived from {}", fallback);
        return "derived:" + value;
      }
    }
    Path file = Path.of(environment.getProperty("schedule.data-dir", "./data"), "events-key");
    try {
      Files.createDirectories(file.getParent());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(key),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW);
      log.warn("Generated the webhook secret key into {}; set schedule.events.secret-key", file);
    } catch (FileAlreadyExistsException e) {
      // Another node made it first, or an earlier start did.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An AES-256 key made from any string, and its id. */
  private static final class Key {
    final byte[] bytes;
    final byte[] id;

    Key(String material) {
      bytes =
          sha256(("schedule-api webhook secrets\0" + material).getBytes(StandardCharsets.UTF_8));
      id = Arrays.copyOf(sha256(bytes), ID);
    }

    private static byte[] sha256(byte[] input) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(input);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
