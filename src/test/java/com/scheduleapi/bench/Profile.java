package com.scheduleapi.bench;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where the database time went, from pg_stat_statements (with -Dbench.profile=true). */
final class Profile {

  private Profile() {}

  static void reset(DataSource db) {
    JdbcClient jdbc = JdbcClient.create(db);
    jdbc.sql("create extension if not exists pg_stat_statements").update();
    jdbc.sql("select pg_stat_statements_reset()").query(Object.class).list();
  }

  static List<String> topStatements(DataSource db) {
    return JdbcClient.create(db)
        .sql(
            """
            select format('PROFILE calls=%s total_ms=%s mean_ms=%s rows=%s %s', calls,
                          round(total_exec_time), round(mean_exec_time::numeric, 2), rows,
                          left(regexp_replace(query, '\\s+', ' ', 'g'), 140))
            from pg_stat_statements order by total_exec_time desc limit 12
            """)
        .query(String.class)
        .list();
  }
}
