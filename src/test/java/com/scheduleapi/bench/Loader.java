package com.scheduleapi.bench;

import com.scheduleapi.BulkSchedules;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads a scenario's schedules before its clock starts: first a day ahead, where the dispatcher
 * does not look; then, once loading is over, every range is set due at one instant chosen from how
 * long loading took. So loading never overruns the due instant, however slow the machine.
 */
final class Loader {

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final Instant parked =
      Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
  private final long started = System.nanoTime();

  Loader(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Where schedules wait while loading: a day ahead. */
  Instant parked() {
    return parked;
  }

  /** A range of schedule ids loaded together. */
  record Range(long first, long last) {
    long size() {
      return last - first + 1;
    }
  }

  /** {@code n} single-phone schedules of a team, parked a day ahead. */
  Range singles(BulkSchedules.Team team, int n, long firstPhone, String text) {
    return jdbc.sql(
            """
            with ins as (
              insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at,
                                    due_at, execute_offset, content, phone_number)
              select :team, :inbox, :user, 'bench', :at, :at, 0,
                     json_build_object('text', :text::text)::text, (:phone + g)::text
              from generate_series(1, :n) g returning id)
            select min(id), max(id) from ins
            """)
        .param("team", team.id())
        .param("inbox", team.inbox())
        .param("user", team.owner())
        .param("at", Timestamp.from(parked))
        .param("text", text)
        .param("phone", firstPhone)
        .param("n", n)
        .query((rs, i) -> new Range(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  /**
   * A list of {@code n} phones ({@code phoneSql}, an expression of {@code g} from 1 to n) and one
   * schedule to it, parked a day ahead; answers the schedule's id.
   */
  long broadcast(BulkSchedules.Team team, int n, String phoneSql, String text) {
    long list =
        jdbc.sql(
                "insert into contact_list (team_id, title, uuid)"
                    + " values (?, 'bench', gen_random_uuid()) returning id")
            .param(team.id())
            .query(Long.class)
            .single();
    jdbc.sql(
            "insert into contact_list_phone (list_id, phone) select ?, "
                + phoneSql
                + " from generate_series(1, ?) g")
        .params(list, n)
        .update();
    long schedule =
        jdbc.sql(
                """
                insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at,
                                      due_at, execute_offset, content, list_id)
                values (:team, :inbox, :user, 'bench', :at, :at, 0,
                        json_build_object('text', :text::text)::text, :list)
                returning id
                """)
            .param("team", team.id())
            .param("inbox", team.inbox())
            .param("user", team.owner())
            .param("at", Timestamp.from(parked))
            .param("text", text)
            .param("list", list)
            .query(Long.class)
            .single();
    jdbc.sql("analyze contact_list_phone").update();
    return schedule;
  }

  /**
   * Fresh statistics and a clean checkpoint, still part of loading; then every range is set due at
   * an instant after loading, leaving the move itself as long again as loading took (at least
   * {@link #minLead}).
   */
  Instant dueAfterLoading(List<Range> ranges) {
    return dueAfterLoading(ranges, due -> {});
  }

  /**
   * As {@link #dueAfterLoading(List)}, running {@code beforeDue} with the instant before any row is
   * set due: what a claim reads (an inbox's send window) must be in place by then, as the
   * dispatcher claims ahead of the instant.
   */
  Instant dueAfterLoading(List<Range> ranges, Consumer<Instant> beforeDue) {
    jdbc.sql("analyze schedule").update();
    jdbc.sql("checkpoint").update();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Duration lead = took.multipliedBy(2);
    if (lead.compareTo(minLead()) < 0) {
      lead = minLead();
    }
    Instant due = Instant.now().plus(lead).truncatedTo(ChronoUnit.MILLIS);
    beforeDue.accept(due);
    for (Range range : ranges) {
      jdbc.sql("update schedule set execute_at = ?, due_at = ? where id between ? and ?")
          .params(Timestamp.from(due), Timestamp.from(due), range.first(), range.last())
          .update();
    }
    jdbc.sql("analyze schedule").update();
    if (Boolean.getBoolean("bench.profile")) {
      Profile.reset(dataSource);
    }
    if (Instant.now().isAfter(due)) {
      throw new IllegalStateException("moving the schedules overran the due instant " + due);
    }
    return due;
  }

  /**
   * The shortest time between setting a scenario due and its instant: 3 s, or {@code
   * bench.min-lead} (the smoke test's small scenarios move in milliseconds and take less).
   */
  private static Duration minLead() {
    return Duration.parse(System.getProperty("bench.min-lead", "PT3S"));
  }
}
