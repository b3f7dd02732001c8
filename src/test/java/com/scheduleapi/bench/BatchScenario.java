package com.scheduleapi.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Scenarios {@code batch-pause}, {@code batch-resume} and {@code batch-cancel}: one request each on
 * a batch of n schedules (written straight into the table, a day ahead), timed from the request to
 * its answer; the answer must say every schedule changed.
 */
final class BatchScenario {

  private final ServiceProcess service;
  private final JdbcClient jdbc;

  BatchScenario(ServiceProcess service, DataSource db) {
    this.service = service;
    this.jdbc = JdbcClient.create(db);
  }

  List<BenchResult> run(int n) {
    JsonNode team =
        call("/admin/v1/teams", "{\"name\":\"bench-batch\"}", ServiceProcess.ADMIN_TOKEN);
    String key = team.get("api_key").asString();
    long inbox =
        call("/v1/inboxes", "{\"name\":\"Bench\",\"phone\":\"14155550100\"}", key)
            .get("id")
            .asLong();
    String batch = "bench-" + System.nanoTime();
    jdbc.sql(
            """
            insert into schedule (team_id, inbox_id, user_id, request_hash, execute_at, due_at,
                                  execute_offset, content, phone_number, batch_id)
            select ?, ?, ?, 'bench', ?, ?, 0, '{"text":"batch"}', (80000000000 + g)::text, ?
            from generate_series(1, ?) g
            """)
        .params(
            team.get("id").asLong(),
            inbox,
            team.get("owner_id").asLong(),
            Timestamp.from(Instant.now().plus(Duration.ofDays(1))),
            Timestamp.from(Instant.now().plus(Duration.ofDays(1))),
            batch,
            n)
        .update();
    jdbc.sql("analyze schedule").update();
    List<BenchResult> results = new ArrayList<>();
    for (String action : List.of("pause", "resume", "cancel")) {
      long start = System.nanoTime();
      JsonNode answer = call("/v1/batches/" + batch + "/" + action, "", key);
      double seconds = (System.nanoTime() - start) / 1e9;
      long changed = answer.get("changed").asLong();
      results.add(
          new BenchResult(
              "batch-" + action,
              ServiceScenarios.SYSTEM,
              (long) n,
              seconds,
              n / seconds,
              Math.round(seconds * 1000),
              Math.round(seconds * 1000),
              Math.round(seconds * 1000),
              service.peakRssMb(),
              n - changed));
    }
    return results;
  }

  private JsonNode call(String path, String body, String bearer) {
    return service.call("POST", path, body, bearer);
  }
}
