package com.scheduleapi.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes keys and secrets, and the digests we store in their place. */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  static String newApiKey() {
    return "sk_" + random(32);
  }

  static String newSecretId() {
    return "sid_" + random(12);
  }

  /** 48 random bytes: 64 characters, so "id||key" always exceeds SHA-256's 64-byte block. */
  static String newSecretKey() {
    return random(48);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * HMAC first hashes a key longer than the block size (RFC 2104), so HMAC-SHA256 under this digest
   * equals HMAC-SHA256 under the signing string itself: we verify JWTs without keeping the secret.
   */
  static byte[] signingKeyDigest(String secretId, String secretKey) {
    String signingKey = secretId + "||" + secretKey;
    if (signingKey.getBytes(StandardCharsets.UTF_8).length <= 64) {
      throw new IllegalArgumentException("signing key must be longer than 64 bytes");
    }
    return sha256(signingKey);
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
