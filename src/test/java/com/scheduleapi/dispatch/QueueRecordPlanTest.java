package com.scheduleapi.dispatch;

import static com.scheduleapi.StaleLeaseStatistics.BATCH;
import static com.scheduleapi.StaleLeaseStatistics.filled;

import com.scheduleapi.ApiTest;
import com.scheduleapi.StaleLeaseStatistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue lane's outcomes find their delivery rows by id, as the schedule lane's settle does. */
@ApiTest
class QueueRecordPlanTest {

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transaction;

  @Test
  void findsTheBatchByIdWhenStatisticsShowNothingLeased() {
    String plan =
        StaleLeaseStatistics.plan(
            transaction,
            jdbc,
            "delivery",
            """
            insert into delivery (schedule_id, recipient, idempotency_key, status, due_at)
            select 1, (14155550000 + g)::text, gen_random_uuid(), 0, now()
            from generate_series(1, :rows) g
            """,
            DeliveryQueue.RECORD,
            (statement, ids) ->
                statement
                    .param("ids", ids)
                    .param("statuses", filled(1))
                    .param("errors", new String[BATCH])
                    .param("sent_at", new String[BATCH])
                    .param("provider_ids", new String[BATCH])
                    .param("next_at", new String[BATCH])
                    .param("counted", new boolean[BATCH])
                    .param("node", StaleLeaseStatistics.NODE));

    StaleLeaseStatistics.assertFindsTheBatchById(plan);
  }
}
