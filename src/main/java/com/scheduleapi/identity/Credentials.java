package com.scheduleapi.identity;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys and JWT secrets, stored as digests and looked up by them. Public for onboarding, which
 * issues a new team's first credentials; the lookups stay inside identity.
 */
@Repository
public class Credentials {

  private final JdbcClient jdbc;

  Credentials(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the key's digest for the team and answers the key, which is never readable again. */
  public String issueApiKey(long teamId) {
    String key = Secrets.newApiKey();
    addApiKey(teamId, key);
    return key;
  }

  public void addApiKey(long teamId, String key) {
    jdbc.sql(
            "insert into api_key (team_id, key_hash) values (?, ?) on conflict (key_hash) do nothing")
        .params(teamId, Secrets.sha256(key))
        .update();
  }

  Optional<Long> teamOfApiKey(byte[] keyHash) {
    return jdbc.sql("select team_id from api_key where key_hash = ? and revoked_at is null")
        .param(keyHash)
        .query(Long.class)
        .optional();
  }

  public boolean anyApiKey(long teamId) {
    return jdbc.sql("select exists (select 1 from api_key where team_id = ?)")
        .param(teamId)
        .query(Boolean.class)
        .single();
  }

  public IssuedSecret issueJwtSecret(long teamId) {
    String id = Secrets.newSecretId();
    String key = Secrets.newSecretKey();
    jdbc.sql("insert into jwt_secret (team_id, secret_id, signing_key_digest) values (?, ?, ?)")
        .params(teamId, id, Secrets.signingKeyDigest(id, key))
        .update();
    return new IssuedSecret(id, key);
  }

  Optional<JwtSecret> jwtSecret(String secretId) {
    return jdbc.sql(
            "select team_id, signing_key_digest from jwt_secret"
                + " where secret_id = ? and revoked_at is null")
        .param(secretId)
        .query((rs, n) -> new JwtSecret(rs.getLong(1), rs.getBytes(2)))
        .optional();
  }

  public int revokeJwtSecret(long teamId, String secretId) {
    return jdbc.sql(
            "update jwt_secret set revoked_at = now()"
                + " where team_id = ? and secret_id = ? and revoked_at is null")
        .params(teamId, secretId)
        .update();
  }

  /** A new JWT secret: its id (the tokens' {@code iss}) and its key, shown only this once. */
  public record IssuedSecret(String id, String key) {}

  record JwtSecret(long teamId, byte[] digest) {}
}
