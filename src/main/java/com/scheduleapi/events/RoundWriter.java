package com.scheduleapi.events;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes what a round of calls to one endpoint did. */
@Repository
class RoundWriter {

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  RoundWriter(JdbcClient jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /**
   * Writes a round's outcome in one transaction, fenced by the lease: the cursor, the endpoint's
   * backoff, the events to try again (given up after retry-for), and whether the node keeps the
   * endpoint for another round. Answers false when another node took the endpoint over.
   */
  boolean finish(Endpoint endpoint, String node, Round round) {
    return Boolean.TRUE.equals(
        transaction.execute(status -> finishInTransaction(endpoint, node, round)));
  }

  private boolean finishInTransaction(Endpoint endpoint, String node, Round round) {
    int held =
        jdbc.sql(
                """
                update webhook set cursor_tx = :cursor_tx, cursor_id = :cursor_id,
                       failures = :failures, last_error = :error,
                       paused_until = case when :pause_ms > 0
                                           then now() + :pause_ms * interval '1 millisecond' end,
                       lease_owner = case when :keep then lease_owner end,
                       lease_until = case when :keep then now() + :lease::interval end
                where id = :id and lease_owner = :node
                """)
            .param("cursor_tx", round.cursorTx())
            .param("cursor_id", round.cursorId())
            .param("failures", round.failures())
            .param("error", round.error())
            .param("pause_ms", round.pause().toMillis())
            .param("keep", round.keep())
            .param("lease", round.lease().toMillis() + " milliseconds")
            .param("id", endpoint.id())
            .param("node", node)
            .update();
    if (held == 0) {
      return false;
    }
    List<WebhookCalls.Attempted> ok = round.attempted().stream().filter(a -> a.ok()).toList();
    List<WebhookCalls.Attempted> failed = round.attempted().stream().filter(a -> !a.ok()).toList();
    if (!ok.isEmpty()) {
      jdbc.sql("delete from webhook_retry where webhook_id = :id and event_id = any(:ok::bigint[])")
          .param("id", endpoint.id())
          .param("ok", ok.stream().mapToLong(a -> a.pending().eventId()).toArray())
          .update();
    }
    if (!failed.isEmpty()) {
      retry(endpoint.id(), failed, round);
    }
    return true;
  }

  private void retry(long webhookId, List<WebhookCalls.Attempted> failed, Round round) {
    jdbc.sql(
            """
            insert into webhook_retry (webhook_id, event_id, attempts, next_attempt_at, error)
            select :id, u.event_id, u.attempts, now() + u.delay_ms * interval '1 millisecond',
                   u.error
            from unnest(:events::bigint[], :attempts::int[], :delays::bigint[], :errors::text[])
                 as u(event_id, attempts, delay_ms, error)
            on conflict (webhook_id, event_id) do update
              set attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,
                  error = excluded.error
            """)
        .param("id", webhookId)
        .param("events", failed.stream().mapToLong(a -> a.pending().eventId()).toArray())
        .param("attempts", failed.stream().mapToInt(a -> a.pending().attempts() + 1).toArray())
        .param(
            "delays",
            failed.stream()
                .mapToLong(a -> round.backoff().apply(a.pending().attempts() + 1).toMillis())
                .toArray())
        .param("errors", failed.stream().map(WebhookCalls.Attempted::error).toArray(String[]::new))
        .update();
    // Given up: events older than retry-for, and events the log no longer keeps.
    jdbc.sql(
            """
            delete from webhook_retry r
            where r.webhook_id = :id and r.event_id = any(:events::bigint[])
              and not exists (select 1 from event e where e.id = r.event_id
                                and e.created_at > now() - :retry_for::interval)
            """)
        .param("id", webhookId)
        .param("events", failed.stream().mapToLong(a -> a.pending().eventId()).toArray())
        .param("retry_for", round.retryFor().toMillis() + " milliseconds")
        .update();
  }

  /** What a round did and what follows from it. */
  record Round(
      List<WebhookCalls.Attempted> attempted,
      long cursorTx,
      long cursorId,
      int failures,
      String error,
      Duration pause,
      boolean keep,
      Duration lease,
      Duration retryFor,
      IntFunction<Duration> backoff) {}
}
