package com.scheduleapi.directory;

import com.scheduleapi.web.InvalidRequest;
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
    // A field left out keeps its value: a name-only update must not quietly opt a phone back in.
    return jdbc.sql(
            """
            insert into contact (team_id, phone, first_name, last_name, opted_out, updated_at)
            values (:team, :phone, :first, :last, coalesce(:opted_out, false), now())
            on conflict (team_id, phone) do update set
              first_name = coalesce(excluded.first_name, contact.first_name),
              last_name = coalesce(excluded.last_name, contact.last_name),
              opted_out = coalesce(:opted_out, contact.opted_out), updated_at = now()
            returning phone, first_name, last_name, opted_out
            """)
        .param("team", teamId)
        .param("phone", phone)
        .param("first", request.first())
        .param("last", request.last())
        .param("opted_out", request.optedOut(), java.sql.Types.BOOLEAN)
        .query(
            (rs, n) ->
                new ContactView(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
        .single();
  }

  record ContactRequest(String first, String last, Boolean optedOut) {}

  record ContactView(String phoneNumber, String first, String last, boolean optedOut) {}
}
