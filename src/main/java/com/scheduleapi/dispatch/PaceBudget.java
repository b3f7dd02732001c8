package com.scheduleapi.dispatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The send budget each paced inbox shares across the cluster ({@code inbox_pace}, owned here): a
 * node reserves a block of send slots in one statement, so pacing costs one row write per block,
 * not per message. Slots of different nodes never overlap.
 */
@Repository
class PaceBudget {

  private final JdbcClient jdbc;

  PaceBudget(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Reserves {@code count} slots {@code spacing} apart for the inbox, from the budget's next free
   * slot, now, or the end of a pause, whichever is latest; answers the first.
   */
  Instant reserve(long inboxId, int count, Duration spacing, Instant now) {
    Duration span = spacing.multipliedBy(count);
    Instant end =
        jdbc.sql(
                """
                insert into inbox_pace as p (inbox_id, next_slot)
                values (:inbox, :now::timestamptz + :span::interval)
                on conflict (inbox_id) do update
                set next_slot = greatest(p.next_slot, :now::timestamptz,
                                         coalesce(p.paused_until, :now::timestamptz))
                                + :span::interval
                returning next_slot
                """)
            .param("inbox", inboxId)
            .param("now", Timestamp.from(now))
            .param("span", span.toNanos() / 1000 + " microseconds")
            .query(Timestamp.class)
            .single()
            .toInstant();
    return end.minus(span);
  }

  /** No node hands the inbox a message before {@code until} (a provider's Retry-After). */
  void pause(long inboxId, Instant until) {
    jdbc.sql(
            """
            insert into inbox_pace as p (inbox_id, next_slot, paused_until)
            values (:inbox, :until, :until)
            on conflict (inbox_id) do update
            set paused_until = greatest(coalesce(p.paused_until, :until), :until)
            """)
        .param("inbox", inboxId)
        .param("until", Timestamp.from(until))
        .update();
  }

  /** Inboxes a provider has slowed down, and until when. */
  Map<Long, Instant> paused(Instant now) {
    Map<Long, Instant> paused = new HashMap<>();
    jdbc.sql("select inbox_id, paused_until from inbox_pace where paused_until > :now")
        .param("now", Timestamp.from(now))
        .query(
            rs -> {
              paused.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
            });
    return paused;
  }
}
