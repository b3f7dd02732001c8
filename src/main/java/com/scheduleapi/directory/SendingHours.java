package com.scheduleapi.directory;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What planning a send needs of the directory: an inbox's zone and window, and each recipient's
 * zone in the contract's order (contact, number, inbox, UTC). One query per question.
 */
@Service
public class SendingHours {

  private final JdbcClient jdbc;
  private final RecipientLookups lookups;

  SendingHours(JdbcClient jdbc, RecipientLookups lookups) {
    this.jdbc = jdbc;
    this.lookups = lookups;
    // libphonenumber loads its metadata on first use (about a second): at start-up, not in the
    // first fan-out of a list.
    TimeZones.ofPhone("12125550100");
  }

  /** An inbox's zone (null: none) and sending hours (null: any time). */
  public record InboxHours(ZoneId zone, SendWindow window) {

    public static final InboxHours NONE = new InboxHours(null, null);
  }

  /** A list's phone now, whether its contact opted out, and its zone. */
  public record Member(String phone, boolean optedOut, ZoneId zone) {}

  /** An inbox's hours and, for a phone (null for a group message), the recipient's zone. */
  public record Recipient(InboxHours inbox, ZoneId zone) {}

  /**
   * The hours of an inbox and the zone of one recipient. Creates that ask at the same time share
   * one query ({@link RecipientLookups}).
   */
  public Recipient recipient(long teamId, long inboxId, String phone) {
    RecipientLookups.Rows rows = lookups.lookUp(teamId, inboxId, phone);
    if (!rows.inboxFound()) {
      return new Recipient(InboxHours.NONE, TimeZones.UTC);
    }
    InboxHours inbox =
        new InboxHours(TimeZones.stored(rows.inboxZone()), SendWindow.ofStored(rows.sendWindow()));
    return new Recipient(
        inbox, TimeZones.choose(TimeZones.stored(rows.contactZone()), phone, inbox.zone()));
  }

  /** Each inbox's hours; an inbox not found has none. */
  public Map<Long, InboxHours> inboxes(Collection<Long> inboxIds) {
    Map<Long, InboxHours> hours = new HashMap<>();
    jdbc.sql("select id, timezone, send_window from inbox where id = any(:ids::bigint[])")
        .param("ids", inboxIds.stream().mapToLong(Long::longValue).toArray())
        .query(
            rs -> {
              hours.put(
                  rs.getLong(1),
                  new InboxHours(
                      TimeZones.stored(rs.getString(2)), SendWindow.ofStored(rs.getString(3))));
            });
    return hours;
  }

  /**
   * A list's phones as they are now, each with its opt-out and zone ({@code inboxZone} for those
   * whose contact and number name none).
   */
  public List<Member> members(long teamId, long listId, ZoneId inboxZone) {
    List<Member> members = new ArrayList<>();
    jdbc.sql(
            """
            select p.phone, coalesce(c.opted_out, false), c.timezone
            from contact_list l
            join contact_list_phone p on p.list_id = l.id
            left join contact c on c.team_id = l.team_id and c.phone = p.phone
            where l.id = :list and l.team_id = :team
            """)
        .param("list", listId)
        .param("team", teamId)
        .query(
            rs -> {
              String phone = rs.getString(1);
              members.add(
                  new Member(
                      phone,
                      rs.getBoolean(2),
                      TimeZones.choose(TimeZones.stored(rs.getString(3)), phone, inboxZone)));
            });
    return members;
  }

  /** The zones of these phones of one team, in the contract's order. */
  public Map<String, ZoneId> zones(long teamId, Collection<String> phones, ZoneId inboxZone) {
    Map<String, String> contactZones = new HashMap<>();
    jdbc.sql(
            """
            select phone, timezone from contact
            where team_id = :team and phone = any(:phones::text[]) and timezone is not null
            """)
        .param("team", teamId)
        .param("phones", phones.toArray(String[]::new))
        .query(
            rs -> {
              contactZones.put(rs.getString(1), rs.getString(2));
            });
    Map<String, ZoneId> zones = new HashMap<>();
    for (String phone : phones) {
      zones.put(
          phone, TimeZones.choose(TimeZones.stored(contactZones.get(phone)), phone, inboxZone));
    }
    return zones;
  }
}
