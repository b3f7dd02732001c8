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
    boolean optedOut = request.optedOut() != null && request.optedOut();
    jdbc.sql(
            """
            insert into contact (team_id, phone, first_name, last_name, opted_out, updated_at)
            values (?, ?, ?, ?, ?, now())
            on conflict (team_id, phone) do update set first_name = excluded.first_name,
              last_name = excluded.last_name, opted_out = excluded.opted_out, updated_at = now()
            """)
        .params(teamId, phone, request.first(), request.last(), optedOut)
        .update();
    return new ContactView(phone, request.first(), request.last(), optedOut);
  }

  record ContactRequest(String first, String last, Boolean optedOut) {}

  record ContactView(String phoneNumber, String first, String last, boolean optedOut) {}
}
