package com.scheduleapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A statement's plan as a burst first meets it: statistics are mostly taken while nothing is
 * leased. A temporary copy of the table (it hides the real one in its transaction) gets {@link
 * #ROWS} rows, is analysed, then has every row leased; the plan is read and everything rolled back.
 */
public final class StaleLeaseStatistics {

  public static final int ROWS = 20_000;
  public static final int BATCH = 1_000;
  public static final String NODE = "node-a";

  private StaleLeaseStatistics() {}

  /**
   * The plan of {@code statement} over {@code table}, filled by {@code insert} (which takes {@code
   * :rows}); {@code bind} binds its parameters for a batch of the first {@link #BATCH} ids.
   */
  public static String plan(
      TransactionTemplate transaction,
      JdbcClient jdbc,
      String table,
      String insert,
      String statement,
      BiFunction<JdbcClient.StatementSpec, long[], JdbcClient.StatementSpec> bind) {
    return transaction.execute(
        status -> {
          status.setRollbackOnly();
          jdbc.sql("create temp table " + table + " (like public." + table + " including all)")
              .update();
          jdbc.sql(insert).param("rows", ROWS).update();
          jdbc.sql("analyze " + table).update();
          jdbc.sql("update " + table + " set lease_owner = :node").param("node", NODE).update();
          long first = jdbc.sql("select min(id) from " + table).query(Long.class).single();
          List<String> lines =
              bind.apply(
                      jdbc.sql("explain " + statement),
                      LongStream.range(first, first + BATCH).toArray())
                  .query(String.class)
                  .list();
          return String.join("\n", lines);
        });
  }

  /**
   * The plan finds the batch's rows by id: an index lookup per row, or one hash of the batch; never
   * each row of the table against each row of the batch.
   */
  public static void assertFindsTheBatchById(String plan) {
    assertThat(plan)
        .containsAnyOf("Index Cond: (id = u.id)", "Hash Cond")
        .doesNotContain("Join Filter");
  }

  /** A batch's worth of one value. */
  public static int[] filled(int value) {
    int[] values = new int[BATCH];
    Arrays.fill(values, value);
    return values;
  }
}
