package com.scheduleapi.schedule;

import static com.scheduleapi.StaleLeaseStatistics.BATCH;
import static com.scheduleapi.StaleLeaseStatistics.filled;

import com.scheduleapi.ApiTest;
import com.scheduleapi.StaleLeaseStatistics;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settle finds the rows of its batch by id, whatever the statistics say. Against statistics
 * that show nothing leased, the statement as first written compared every leased row with every row
 * of the batch: a cold node's first 20,000 burst took 34-44 s to settle.
 */
@ApiTest
class SettlePlanTest {

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void findsTheBatchByIdWhenStatisticsShowNothingLeased() {
    String plan =
        StaleLeaseStatistics.plan(
            transaction,
            jdbc,
            "schedule",
            """
            insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at, due_at,
                                  execute_offset, content, phone_number, status)
            select 1, 1, 1, 'plan', now(), now(), 0, '{}', (14155550000 + g)::text, 1
            from generate_series(1, :rows) g
            """,
            ScheduleOutcomes.SETTLE,
            (statement, ids) ->
                statement
                    .param("now", Timestamp.from(Instant.now()))
                    .param("ids", ids)
                    .param("statuses", filled(2))
                    .param("sent", filled(1))
                    .param("failed", filled(0))
                    .param("skipped", filled(0))
                    .param("errors", new String[BATCH])
                    .param("sent_at", new String[BATCH])
                    .param("provider_ids", new String[BATCH])
                    .param("unattempted", filled(0))
                    .param("node", StaleLeaseStatistics.NODE));

    StaleLeaseStatistics.assertFindsTheBatchById(plan);
  }
}
