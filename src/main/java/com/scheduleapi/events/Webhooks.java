package com.scheduleapi.events;

import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.NotFound;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** A team's webhook endpoints: registered with a new secret, listed, deleted. */
@Service
class Webhooks {

  static final int MAX_URL = 2048;

  private final JdbcClient jdbc;
  private final UrlGuard guard;
  private final SecretCipher cipher;
  private final SecureRandom random = new SecureRandom();

  Webhooks(JdbcClient jdbc, UrlGuard guard, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.guard = guard;
    this.cipher = cipher;
  }

  WebhookView.Created create(long teamId, WebhookView.Request request) {
    FieldChecks checks = new FieldChecks();
    URI url = url(request.url(), checks);
    List<EventType> types = types(request.events(), checks);
    checks.throwIfAny();
    byte[] key = new byte[32];
    random.nextBytes(key);
    String secret = WebhookSigner.PREFIX + Base64.getEncoder().encodeToString(key);
    // The endpoint starts at the events of transactions still running; earlier ones are not sent.
    long id =
        jdbc.sql(
                """
                insert into webhook (team_id, url, events, secret, cursor_tx, cursor_id)
                values (:team, :url, :events::smallint[], :secret,
                        pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1,
                        9223372036854775807)
                returning id
                """)
            .param("team", teamId)
            .param("url", url.toString())
            .param("events", types.stream().mapToInt(EventType::code).toArray())
            .param("secret", cipher.encrypt(secret))
            .query(Long.class)
            .single();
    return new WebhookView.Created(
        id, url.toString(), types.stream().map(EventType::apiName).toList(), secret);
  }

  List<WebhookView> list(long teamId) {
    return jdbc.sql(
            """
            select id, url, events, created_at, last_error from webhook
            where team_id = :team order by id
            """)
        .param("team", teamId)
        .query(Webhooks::view)
        .list();
  }

  void delete(long teamId, long id) {
    int deleted =
        jdbc.sql("delete from webhook where id = :id and team_id = :team")
            .param("id", id)
            .param("team", teamId)
            .update();
    if (deleted == 0) {
      throw new NotFound("webhook", id);
    }
  }

  private URI url(String raw, FieldChecks checks) {
    if (raw == null || raw.isBlank()) {
      checks.reject("url", "is required: the http or https URL to POST events to");
      return null;
    }
    if (raw.length() > MAX_URL) {
      checks.reject("url", "must be at most " + MAX_URL + " characters");
      return null;
    }
    try {
      URI url = new URI(raw.trim());
      guard.refusal(url).ifPresent(reason -> checks.reject("url", reason));
      return url;
    } catch (URISyntaxException e) {
      checks.reject("url", "is not a URL: " + e.getReason());
      return null;
    }
  }

  private static List<EventType> types(JsonNode events, FieldChecks checks) {
    if (events == null || events.isNull()) {
      return List.of();
    }
    if (!events.isArray()) {
      checks.reject("events", "must be an array of event types; empty or absent means every type");
      return List.of();
    }
    Set<EventType> types = new LinkedHashSet<>();
    for (JsonNode event : events) {
      String name = event.isString() ? event.asString() : event.toString();
      EventType.ofApiName(name)
          .ifPresentOrElse(
              types::add,
              () ->
                  checks.reject(
                      "events",
                      "'"
                          + name
                          + "' is not an event type; use one of "
                          + Arrays.stream(EventType.values()).map(EventType::apiName).toList()));
    }
    return new ArrayList<>(types);
  }

  private static WebhookView view(ResultSet rs, int n) throws SQLException {
    Array events = rs.getArray("events");
    List<String> names =
        Arrays.stream((Short[]) events.getArray())
            .map(code -> EventType.ofCode(code).apiName())
            .toList();
    return new WebhookView(
        rs.getLong("id"),
        rs.getString("url"),
        names,
        com.scheduleapi.web.Times.utc(rs.getTimestamp("created_at").toInstant()),
        rs.getString("last_error"));
  }
}
