package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settle finds the rows of its batch by id, whatever the statistics say. They are mostly taken
 * while nothing is leased, and against them the statement as first written compared every leased
 * row with every row of the batch: a cold node's first 20,000 burst took 34-44 s to settle. Here a
 * table of that shape (a temporary one, which hides the real one in this transaction) is analysed
 * before its rows are leased, as in that burst, and the settle's plan is read.
 */
@ApiTest
class SettlePlanTest {

  private static final int ROWS = 20_000;
  private static final int BATCH = 1_000;

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void looksTheBatchUpByIdWhenStatisticsShowNothingLeased() {
    String plan =
        transaction.execute(
            status -> {
              status.setRollbackOnly();
              jdbc.sql("create temp table schedule (like public.schedule including all)").update();
              jdbc.sql(
                      """
                      insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at,
                                            due_at, execute_offset, content, phone_number)
                      select 1, 1, 1, 'plan', now(), now(), 0, '{}', (14155550000 + g)::text
                      from generate_series(1, :rows) g
                      """)
                  .param("rows", ROWS)
                  .update();
              jdbc.sql("analyze schedule").update();
              jdbc.sql("update schedule set lease_owner = 'node-a', status = 1").update();
              long first = jdbc.sql("select min(id) from schedule").query(Long.class).single();
              return String.join(
                  "\n",
                  jdbc.sql("explain " + ScheduleOutcomes.SETTLE)
                      .param("now", Timestamp.from(Instant.now()))
                      .param("ids", LongStream.range(first, first + BATCH).toArray())
                      .param("statuses", filled(2))
                      .param("sent", filled(1))
                      .param("failed", filled(0))
                      .param("skipped", filled(0))
                      .param("errors", new String[BATCH])
                      .param("sent_at", new String[BATCH])
                      .param("provider_ids", new String[BATCH])
                      .param("unattempted", filled(0))
                      .param("node", "node-a")
                      .query(String.class)
                      .list());
            });

    // By id: an index lookup per row, or one hash of the batch; never each row against each row.
    assertThat(plan)
        .containsAnyOf("Index Cond: (id = u.id)", "Hash Cond")
        .doesNotContain("Join Filter");
  }

  private static int[] filled(int value) {
    int[] values = new int[BATCH];
    Arrays.fill(values, value);
    return values;
  }
}
