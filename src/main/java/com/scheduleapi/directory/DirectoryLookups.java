package com.scheduleapi.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the dispatcher needs of the directory when it sends, one query for a whole batch: the
 * sending inbox's phone, templates, contacts' names and opt-outs, and (through {@link
 * #LIST_MEMBERS}) a list's phones at send time.
 */
@Service
public class DirectoryLookups {

  /**
   * The SQL function {@code list_members(team_id bigint, list_id bigint) returns table (phone text,
   * opted_out boolean)}: a list's phones as they are now, each with whether the team's contact
   * opted out; none for a list that is not the team's. The dispatcher reads it inside its fan-out
   * insert, one statement for a whole broadcast. The directory owns it (migration V5) with its
   * tables and keeps this signature.
   */
  public static final String LIST_MEMBERS = "list_members";

  private static final int CACHE_LIMIT = 100_000;

  private static final long PACE_FRESH = 5_000_000_000L;

  private final Map<Long, String> inboxPhones = new ConcurrentHashMap<>();
  private final Map<Long, Pace> paces = new ConcurrentHashMap<>();
  private final JdbcClient jdbc;

  DirectoryLookups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The sending phone of each inbox; an inbox's phone never changes, so answers are kept. */
  public Map<Long, String> inboxPhones(Collection<Long> inboxIds) {
    List<Long> unknown =
        inboxIds.stream().distinct().filter(id -> !inboxPhones.containsKey(id)).toList();
    if (!unknown.isEmpty()) {
      if (inboxPhones.size() > CACHE_LIMIT) {
        inboxPhones.clear();
      }
      jdbc.sql("select id, phone from inbox where id = any(:ids::bigint[])")
          .param("ids", unknown.stream().mapToLong(Long::longValue).toArray())
          .query(
              rs -> {
                inboxPhones.put(rs.getLong(1), rs.getString(2));
              });
    }
    Map<Long, String> phones = new HashMap<>();
    inboxIds.forEach(id -> phones.put(id, inboxPhones.get(id)));
    return phones;
  }

  /**
   * Each inbox's pace ({@code mps}: messages a second across all nodes), absent when unpaced. An
   * inbox's pace can change (PATCH /v1/inboxes/{id}), so an answer is kept for a few seconds only.
   */
  public Map<Long, Integer> paces(Collection<Long> inboxIds) {
    long now = System.nanoTime();
    List<Long> stale =
        inboxIds.stream()
            .distinct()
            .filter(id -> !paces.containsKey(id) || now - paces.get(id).readAt() > PACE_FRESH)
            .toList();
    if (!stale.isEmpty()) {
      if (paces.size() > CACHE_LIMIT) {
        paces.clear();
      }
      Map<Long, Integer> read = new HashMap<>();
      try {
        jdbc.sql("select id, mps from inbox where id = any(:ids::bigint[])")
            .param("ids", stale.stream().mapToLong(Long::longValue).toArray())
            .query(
                rs -> {
                  read.put(rs.getLong(1), rs.getObject(2, Integer.class));
                });
      } catch (RuntimeException e) {
        // The database is away: a pace read before still holds; one never read cannot be guessed.
        if (!paces.keySet().containsAll(stale)) {
          throw e;
        }
        stale = List.of();
      }
      stale.forEach(id -> paces.put(id, new Pace(read.get(id), now)));
    }
    Map<Long, Integer> answer = new HashMap<>();
    for (Long id : inboxIds) {
      Pace pace = paces.get(id);
      if (pace != null && pace.mps() != null) {
        answer.put(id, pace.mps());
      }
    }
    return answer;
  }

  /** Each template's content as stored JSON ({"text","gallery"}). */
  public Map<Long, String> templateContents(Collection<Long> templateIds) {
    Map<Long, String> contents = new HashMap<>();
    if (!templateIds.isEmpty()) {
      jdbc.sql("select id, content from template where id = any(:ids::bigint[])")
          .param("ids", templateIds.stream().mapToLong(Long::longValue).toArray())
          .query(
              rs -> {
                contents.put(rs.getLong(1), rs.getString(2));
              });
    }
    return contents;
  }

  /** The contacts among these phones of these teams; a phone with no contact is absent. */
  public Map<TeamPhone, Contact> contacts(Collection<TeamPhone> phones) {
    Map<TeamPhone, Contact> contacts = new HashMap<>();
    if (phones.isEmpty()) {
      return contacts;
    }
    jdbc.sql(
            """
            select c.team_id, c.phone, c.first_name, c.last_name, c.opted_out
            from contact c join unnest(:teams::bigint[], :phones::text[]) as u(team_id, phone)
              on c.team_id = u.team_id and c.phone = u.phone
            """)
        .param("teams", phones.stream().mapToLong(TeamPhone::teamId).toArray())
        .param("phones", phones.stream().map(TeamPhone::phone).toArray(String[]::new))
        .query(
            rs -> {
              contacts.put(
                  new TeamPhone(rs.getLong(1), rs.getString(2)),
                  new Contact(rs.getString(3), rs.getString(4), rs.getBoolean(5)));
            });
    return contacts;
  }

  /** The names a list gives these phones, where it gives any. */
  public Map<ListPhone, Contact> listNames(Collection<ListPhone> phones) {
    Map<ListPhone, Contact> names = new HashMap<>();
    if (phones.isEmpty()) {
      return names;
    }
    jdbc.sql(
            """
            select p.list_id, p.phone, p.first_name, p.last_name
            from contact_list_phone p join unnest(:lists::bigint[], :phones::text[]) as u(list_id, phone)
              on p.list_id = u.list_id and p.phone = u.phone
            """)
        .param("lists", phones.stream().mapToLong(ListPhone::listId).toArray())
        .param("phones", phones.stream().map(ListPhone::phone).toArray(String[]::new))
        .query(
            rs -> {
              names.put(
                  new ListPhone(rs.getLong(1), rs.getString(2)),
                  new Contact(rs.getString(3), rs.getString(4), false));
            });
    return names;
  }

  /** How many phones each list has now, counting up to {@code limit} in all. */
  public int phonesIn(Collection<Long> listIds, int limit) {
    if (listIds.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            select count(*) from (select 1 from contact_list_phone
                                  where list_id = any(:lists::bigint[]) limit :limit) p
            """)
        .param("lists", listIds.stream().mapToLong(Long::longValue).toArray())
        .param("limit", limit)
        .query(Integer.class)
        .single();
  }

  private record Pace(Integer mps, long readAt) {}

  /** A phone of a team. */
  public record TeamPhone(long teamId, String phone) {}

  /** A phone on a list. */
  public record ListPhone(long listId, String phone) {}

  /** A person's names, and whether they opted out. */
  public record Contact(String first, String last, boolean optedOut) {

    public static final Contact NONE = new Contact(null, null, false);

    public boolean hasNoName() {
      return (first == null || first.isBlank()) && (last == null || last.isBlank());
    }
  }
}
