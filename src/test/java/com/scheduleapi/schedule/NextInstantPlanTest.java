package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher asks for the next due instant on every poll. With a team's future messages all at
 * one instant, the statement must read the due index, not every row: the form first written made
 * the planner scan the table (it expects an equality on due_at to match the whole instant), 63 ms a
 * poll at 230,000 rows, even when nothing was due.
 */
@ApiTest
class NextInstantPlanTest {

  private static final int ROWS = 20_000;
  private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void readsNoRowWhenTheOnlyInstantIsPastTheHorizon() {
    String plan = plan(Instant.now().plus(Duration.ofMinutes(1)));

    assertThat(plan).doesNotContain("Seq Scan");
    assertThat(rowsRemoved(plan)).isZero();
  }

  @Test
  void readsOnlyTheRowsItAnswersWhenTheInstantIsDue() {
    String plan = plan(Instant.now().plus(Duration.ofDays(2)));

    assertThat(plan).doesNotContain("Seq Scan").contains("rows=100 loops=1");
    assertThat(rowsRemoved(plan)).isZero();
  }

  /**
   * The statement's executed plan over a temporary copy of the table (it hides the real one in its
   * transaction, rolled back) holding {@link #ROWS} schedules due at one instant a day ahead.
   */
  private String plan(Instant horizon) {
    return transaction.execute(
        status -> {
          status.setRollbackOnly();
          jdbc.sql("create temp table schedule (like public.schedule including all)").update();
          jdbc.sql(
                  """
                  insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at,
                                        due_at, execute_offset, content, phone_number)
                  select 1, 1, 1, 'plan', t.at, t.at, 0, '{}', (14155550000 + g)::text
                  from generate_series(1, :rows) g,
                       (select date_trunc('hour', now()) + interval '1 day' as at) t
                  """)
              .param("rows", ROWS)
              .update();
          jdbc.sql("analyze schedule").update();
          List<String> lines =
              jdbc.sql("explain (analyze, costs off, timing off) " + DueSchedules.NEXT_INSTANT)
                  .param("horizon", Timestamp.from(horizon))
                  .param("limit", 100)
                  .query(String.class)
                  .list();
          return String.join("\n", lines);
        });
  }

  private static long rowsRemoved(String plan) {
    long removed = 0;
    Matcher matcher = REMOVED.matcher(plan);
    while (matcher.find()) {
      removed += Long.parseLong(matcher.group(1));
    }
    return removed;
  }
}
