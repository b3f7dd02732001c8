package com.scheduleapi.directory;

import com.scheduleapi.web.InvalidRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Names and the opt-out flag per phone; an opted-out phone is never sent to. */
@Service
class Contacts {

  private final JdbcClient jdbc;

  Contacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  ContactView put(long teamId, String rawPhone, ContactRequest request) {
    String phone =
        Phones.normalize(rawPhone).orElseThrow(() -> InvalidRequest.of("phone", Phones.RULE));
    if (request.timezone() != null && TimeZones.parse(request.timezone()).isEmpty()) {
      throw InvalidRequest.of("timezone", TimeZones.RULE);
    }
    // A field left out keeps its value: a name-only update must not quietly opt a phone back in.
    return jdbc.sql(
            """
            insert into contact (team_id, phone, first_name, last_name, opted_out, timezone,
                                 updated_at)
            values (:team, :phone, :first, :last, coalesce(:opted_out, false), :timezone, now())
            on conflict (team_id, phone) do update set
              first_name = coalesce(excluded.first_name, contact.first_name),
              last_name = coalesce(excluded.last_name, contact.last_name),
              opted_out = coalesce(:opted_out, contact.opted_out),
              timezone = coalesce(excluded.timezone, contact.timezone), updated_at = now()
            returning phone, first_name, last_name, opted_out, timezone
            """)
        .param("team", teamId)
        .param("phone", phone)
        .param("first", request.first())
        .param("last", request.last())
        .param("opted_out", request.optedOut(), java.sql.Types.BOOLEAN)
        .param("timezone", request.timezone(), java.sql.Types.VARCHAR)
        .query(
            (rs, n) ->
                new ContactView(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getString(5)))
        .single();
  }

  record ContactRequest(
      String first,
      String last,
      Boolean optedOut,
      @Schema(
              example = "America/Denver",
              description =
                  "IANA zone of this recipient; sending hours and local-time sends go by it.")
          String timezone) {}

  record ContactView(
      String phoneNumber, String first, String last, boolean optedOut, String timezone) {}
}
