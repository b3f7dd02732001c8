package com.scheduleapi.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A claim in the middle of a big burst: the rows settled behind the inbox's cursor keep their
 * entries in the due index until vacuum. The claim must start that inbox at its cursor, not walk
 * the settled entries from the inbox's first (600,000 of them had cost 57 ms a claim), and still
 * find the other inboxes, before and after it.
 */
@ApiTest
class ClaimPastSettledTest {

  private static final int SETTLED = 20_000;
  private static final Pattern BUFFERS = Pattern.compile("(?:hit|read)=(\\d+)");

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void startsAnInboxAtItsCursorPastTheRowsSettledBehindIt() {
    transaction.executeWithoutResult(
        status -> {
          status.setRollbackOnly();
          // A temporary copy hides the real table in this transaction; nothing else sees the rows.
          jdbc.sql("create temp table schedule (like public.schedule including all)").update();
          insert(1, 5); // ids 1-5
          insert(2, SETTLED + 10); // ids 6-20,015: the burst, settled up to its cursor
          insert(3, 5);
          long cursorId = 5 + SETTLED + 1;
          jdbc.sql(
                  "update schedule set dispatched_at = now(), status = 2"
                      + " where inbox_id = 2 and id <= :last")
              .param("last", cursorId)
              .update();
          jdbc.sql("analyze schedule").update();
          Instant due =
              jdbc.sql("select due_at from schedule where id = :id")
                  .param("id", cursorId)
                  .query(Timestamp.class)
                  .single()
                  .toInstant();
          DueSchedules.Claim claim =
              new DueSchedules.Claim(
                  Instant.now(),
                  Instant.now(),
                  100,
                  Duration.ofMinutes(1),
                  "node-a",
                  List.of(new DueSchedules.InboxCursor(2, due, cursorId)),
                  List.of(),
                  false,
                  List.of());

          List<String> plan =
              DueSchedules.bind(
                      jdbc.sql(
                          "explain (analyze, buffers, costs off) "
                              + ScheduleStatus.sql(FairClaim.SQL)),
                      claim)
                  .query(String.class)
                  .list();

          // The skip scan over the inboxes; walking the settled entries took 1,400 pages here.
          String skipScan =
              plan.stream()
                  .dropWhile(line -> !line.contains("CTE inboxes"))
                  .filter(line -> line.contains("Buffers:"))
                  .findFirst()
                  .orElseThrow();
          assertThat(buffers(skipScan)).as(String.join("\n", plan)).isLessThan(100);
          List<Long> claimedInboxes =
              jdbc.sql(
                      "select inbox_id from schedule where lease_owner = 'node-a' group by inbox_id"
                          + " order by inbox_id")
                  .query(Long.class)
                  .list();
          assertThat(claimedInboxes).containsExactly(1L, 2L, 3L);
          assertThat(
                  jdbc.sql("select count(*) from schedule where lease_owner = 'node-a'")
                      .query(Long.class)
                      .single())
              .isEqualTo(9 + 5 + 5);
        });
  }

  /** Rows for the inbox, due one minute ago, numbered on from the table's last id. */
  private void insert(long inbox, int rows) {
    jdbc.sql(
            """
            insert into schedule (id, team_id, inbox_id, user_id, request_hash, execute_at, due_at,
                                  execute_offset, content, phone_number)
            select coalesce((select max(id) from schedule), 0) + g, 1, :inbox, 1, 'past', now(),
                   now() - interval '1 minute', 0, '{}', (14155550000 + g)::text
            from generate_series(1, :rows) g
            """)
        .param("inbox", inbox)
        .param("rows", rows)
        .update();
  }

  /** Pages read or found in memory, shared and local (the temporary table's). */
  private static long buffers(String line) {
    return BUFFERS.matcher(line).results().mapToLong(m -> Long.parseLong(m.group(1))).sum();
  }
}
