package com.scheduleapi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts many schedules in place straight through the service's own tables, as tests of sending and
 * the benchmarks need them: a team with its owner and inbox, and single-phone schedules due at
 * once.
 */
public final class BulkSchedules {

  private BulkSchedules() {}

  /** A team with an owner and one inbox (sending from 14155550100). */
  public static Team team(JdbcClient jdbc, String name) {
    long team =
        jdbc.sql("insert into team (name) values (?) returning id")
            .param(name)
            .query(Long.class)
            .single();
    long owner =
        jdbc.sql(
                "insert into member (team_id, name, email, owner)"
                    + " values (?, 'o', 'o@x.io', true) returning id")
            .param(team)
            .query(Long.class)
            .single();
    long inbox =
        jdbc.sql(
                "insert into inbox (team_id, name, phone) values (?, 'i', '14155550100') returning id")
            .param(team)
            .query(Long.class)
            .single();
    return new Team(team, owner, inbox);
  }

  /**
   * {@code count} schedules to the phones from {@code firstPhone} + 1 on, all due at {@code due}.
   */
  public static List<Long> singlePhones(
      JdbcClient jdbc, Team team, Instant due, long firstPhone, int count, String text) {
    return jdbc.sql(
            """
            insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at, due_at,
                                  execute_offset, content, phone_number)
            select ?, ?, ?, 'bulk', ?, ?, 0, json_build_object('text', ?::text)::text, (? + g)::text
            from generate_series(1, ?) g returning id
            """)
        .params(
            team.id(),
            team.inbox(),
            team.owner(),
            Timestamp.from(due),
            Timestamp.from(due),
            text,
            firstPhone,
            count)
        .query(Long.class)
        .list();
  }

  /** A team's ids. */
  public record Team(long id, long owner, long inbox) {}
}
