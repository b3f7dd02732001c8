package com.scheduleapi.bench;

import com.scheduleapi.BulkSchedules;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One inbox at {@code mps}, {@code n} singles due at one instant, two service nodes on one
 * database: the hand-off instants of both nodes merged show the pace held across the cluster. The
 * span from first to last hand-off should be (n - 1) / mps; no 1-second window may hold more than
 * mps (plus one at a window's edge); every message is handed over once.
 */
final class PacingScenario {

  private PacingScenario() {}

  static BenchResult run(List<ServiceProcess> nodes, DataSource db, int n, int mps) {
    JdbcClient jdbc = JdbcClient.create(db);
    BulkSchedules.Team team = BulkSchedules.team(jdbc, "bench-pacing");
    jdbc.sql("update inbox set mps = ? where id = ?").params(mps, team.inbox()).update();
    nodes.forEach(
        node ->
            node.send(
                HttpRequest.newBuilder(node.uri("/bench/handoffs/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody())));
    Loader loader = new Loader(db);
    Loader.Range range = loader.singles(team, n, 20_000_000_000L, "paced");
    Instant due = loader.dueAfterLoading(List.of(range));

    ServiceScenarios.await(
        Duration.ofSeconds(120 + n / mps),
        () ->
            jdbc.sql("select count(*) from schedule where status = 2 and id between ? and ?")
                    .params(range.first(), range.last())
                    .query(Long.class)
                    .single()
                == n);
    long[] times =
        nodes.stream()
            .flatMapToLong(node -> LongStream.of(handOffs(node, team.inbox())))
            .sorted()
            .toArray();
    double seconds = (times[times.length - 1] - times[0]) / 1000.0;
    return new BenchResult(
        "pacing",
        ServiceScenarios.SYSTEM,
        (long) n,
        seconds,
        null,
        null,
        null,
        null,
        null,
        (long) Math.abs(times.length - n),
        "mps=" + mps,
        "max_window=" + maxWindow(times));
  }

  /** The most hand-offs in any window of one second, [t, t + 1000 ms). */
  static int maxWindow(long[] sorted) {
    int most = 0;
    int start = 0;
    for (int end = 0; end < sorted.length; end++) {
      while (sorted[end] - sorted[start] >= 1000) {
        start++;
      }
      most = Math.max(most, end - start + 1);
    }
    return most;
  }

  private static long[] handOffs(ServiceProcess node, long inbox) {
    String body =
        node.send(HttpRequest.newBuilder(node.uri("/bench/handoffs/raw?inbox=" + inbox))).body();
    return Arrays.stream(JsonMapper.builder().build().readValue(body, long[].class)).toArray();
  }
}
