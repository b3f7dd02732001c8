package com.scheduleapi.directory;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Opt-outs as a recipient sends them (STOP to an inbox's number) and as the dispatcher checks them
 * at the moment of hand-off, one query for a batch.
 */
@Service
public class OptOuts {

  private final JdbcClient jdbc;

  OptOuts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Those of these phones, each written to from an inbox, whose contact in its team opted out. */
  public Set<InboxPhone> optedOut(Collection<InboxPhone> phones) {
    Set<InboxPhone> out = new HashSet<>();
    if (phones.isEmpty()) {
      return out;
    }
    jdbc.sql(
            """
            select u.inbox_id, u.phone
            from unnest(:inboxes::bigint[], :phones::text[]) as u(inbox_id, phone)
            join inbox i on i.id = u.inbox_id
            join contact c on c.team_id = i.team_id and c.phone = u.phone
            where c.opted_out
            """)
        .param("inboxes", phones.stream().mapToLong(InboxPhone::inboxId).toArray())
        .param("phones", phones.stream().map(InboxPhone::phone).toArray(String[]::new))
        .query(
            rs -> {
              out.add(new InboxPhone(rs.getLong(1), rs.getString(2)));
            });
    return out;
  }

  /** The teams with an inbox sending from this number (normalised digits). */
  public List<Long> teamsWithInbox(String phone) {
    return jdbc.sql("select distinct team_id from inbox where phone = :phone order by team_id")
        .param("phone", phone)
        .query(Long.class)
        .list();
  }

  /** Opts a phone out of (or back into) a team's messages, keeping its names. */
  public void set(long teamId, String phone, boolean optedOut) {
    jdbc.sql(
            """
            insert into contact (team_id, phone, opted_out, updated_at)
            values (:team, :phone, :opted_out, now())
            on conflict (team_id, phone) do update set opted_out = :opted_out, updated_at = now()
            """)
        .param("team", teamId)
        .param("phone", phone)
        .param("opted_out", optedOut)
        .update();
  }

  /**
   * Opts these phones out of the team of the inbox each was written from: a provider said the
   * recipient unsubscribed (Twilio's 21610). One statement for a batch; names are kept.
   */
  public void optOut(Collection<InboxPhone> phones) {
    if (phones.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            insert into contact (team_id, phone, opted_out, updated_at)
            select distinct i.team_id, u.phone, true, now()
            from unnest(:inboxes::bigint[], :phones::text[]) as u(inbox_id, phone)
            join inbox i on i.id = u.inbox_id
            on conflict (team_id, phone) do update set opted_out = true, updated_at = now()
            """)
        .param("inboxes", phones.stream().mapToLong(InboxPhone::inboxId).toArray())
        .param("phones", phones.stream().map(InboxPhone::phone).toArray(String[]::new))
        .update();
  }

  /** A phone written to from an inbox. */
  public record InboxPhone(long inboxId, String phone) {}
}
