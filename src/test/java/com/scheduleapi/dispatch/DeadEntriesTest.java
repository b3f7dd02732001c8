package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.scheduleapi.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After {@code vacuum-after} outcomes written, and only while the node holds nothing, both tables
 * with due indexes are vacuumed once; then the count starts over.
 */
@ApiTest
class DeadEntriesTest {

  @Autowired DeadEntries deadEntries;
  @Autowired DispatchProperties properties;
  @Autowired JdbcClient jdbc;

  @Test
  void vacuumsBothTablesOnceEnoughWasWrittenAndNothingIsHeld() {
    deadEntries.vacuumIfDue(true); // whatever other tests wrote
    long schedules = vacuums("schedule");
    long deliveries = vacuums("delivery");

    deadEntries.written(properties.vacuumAfter() - 1);
    assertThat(deadEntries.vacuumIfDue(true)).as("one short").isFalse();
    deadEntries.written(1);
    assertThat(deadEntries.vacuumIfDue(false)).as("while holding deliveries").isFalse();
    assertThat(deadEntries.vacuumIfDue(true)).isTrue();
    assertThat(deadEntries.vacuumIfDue(true)).as("the count starts over").isFalse();

    assertThat(vacuums("schedule")).isEqualTo(schedules + 1);
    assertThat(vacuums("delivery")).isEqualTo(deliveries + 1);
  }

  private long vacuums(String table) {
    return jdbc.sql("select vacuum_count from pg_stat_user_tables where relname = ?")
        .param(table)
        .query(Long.class)
        .single();
  }
}
