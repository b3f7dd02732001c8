package com.scheduleapi.schedule;

import com.scheduleapi.events.EventType;
import com.scheduleapi.web.BatchQueue;
import com.scheduleapi.web.DatabaseUnavailable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts new schedules in group commits: creates that arrive together share one insert statement
 * and one commit, which is most of what a create costs the database and the JVM. A request waits
 * for its own row's outcome, so a create still answers only once its row is durable.
 */
@Component
class ScheduleWriter implements SmartLifecycle {

  /** Two writers, so one batch is being built while the other waits for its commit. */
  private static final int WRITERS = 2;

  private static final int MAX_BATCH = 500;

  // One statement and one round trip: each row takes its id from the sequence, and the answer says
  // for each row (by its place in the batch) whether it went in. A local_id taken meanwhile makes
  // its row alone stay out (on conflict do nothing); the others go in.
  private static final String INSERT =
      """
      with batch as (
        select nextval('schedule_id_seq') as id, t.*
        from unnest(:team_id::bigint[], :inbox_id::bigint[], :user_id::bigint[],
                    :local_id::text[], :request_hash::text[], :execute_at::text[],
                    :execute_offset::int[], :content::text[], :phone_number::text[],
                    :targets::text[], :conversation_id::bigint[], :list_id::bigint[],
                    :created_at::text[], :due_at::text[], :expire_at::text[],
                    :local_time::text[], :send_past::boolean[], :missed::boolean[],
                    :timezone::text[], :batch_id::text[])
             with ordinality
             as t(team_id, inbox_id, user_id, local_id, request_hash, execute_at, execute_offset,
                  content, phone_number, targets, conversation_id, list_id, created_at, due_at,
                  expire_at, local_time, send_past, missed, timezone, batch_id, place)),
      inserted as (
        insert into schedule (id, team_id, inbox_id, user_id, local_id, request_hash, execute_at,
                              execute_offset, content, phone_number, targets, conversation_id,
                              list_id, created_at, updated_at, due_at, expire_at, local_time,
                              send_past, local_time_missed, timezone, batch_id)
        select id, team_id, inbox_id, user_id, local_id, request_hash, execute_at::timestamptz,
               execute_offset, content, phone_number, targets, conversation_id, list_id,
               created_at::timestamptz, created_at::timestamptz, due_at::timestamptz,
               expire_at::timestamptz, local_time::timestamp, send_past, missed, timezone, batch_id
        from batch
        on conflict do nothing
        returning id)
      select b.place, b.id from batch b join inserted i on i.id = b.id
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ScheduleEvents events;
  private final BatchQueue<Pending> queue =
      new BatchQueue<>("schedule-writer", WRITERS, MAX_BATCH, this::write);

  ScheduleWriter(JdbcClient jdbc, TransactionTemplate transaction, ScheduleEvents events) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.events = events;
  }

  /** A schedule that passed the rules, as it is stored. */
  record NewSchedule(
      long teamId, ValidSchedule valid, String content, String targets, Instant createdAt) {

    /** The row as inserted with this id. */
    Schedule stored(long id) {
      return new Schedule(id, teamId, valid, content, targets, createdAt);
    }
  }

  /**
   * Stores the schedule and answers its id, or nothing when another schedule of the team already
   * has its local_id.
   */
  Optional<Long> insert(NewSchedule schedule) {
    Pending pending = new Pending(schedule, new CompletableFuture<>());
    queue.submit(pending);
    return BatchQueue.await(pending.outcome());
  }

  /** Writes these schedules as one batch, on the caller's thread; tests use it to pin batches. */
  List<CompletableFuture<Optional<Long>>> insertTogether(List<NewSchedule> schedules) {
    List<Pending> batch =
        schedules.stream().map(s -> new Pending(s, new CompletableFuture<>())).toList();
    write(batch);
    return batch.stream().map(Pending::outcome).toList();
  }

  @Override
  public void start() {
    queue.start();
  }

  @Override
  public void stop() {
    queue.stop();
  }

  @Override
  public boolean isRunning() {
    return queue.isRunning();
  }

  @Override
  public int getPhase() {
    return BatchQueue.PHASE;
  }

  /** Writes a batch and completes every row's outcome, whatever happens. */
  private void write(List<Pending> batch) {
    try {
      // The rows and their schedule.created events commit together (the outbox). The events show
      // the rows as inserted, rendered from what was written rather than read back.
      Long[] ids =
          transaction.execute(
              status -> {
                Long[] inserted = insertAll(batch);
                events.changed(EventType.SCHEDULE_CREATED, stored(batch, inserted));
                return inserted;
              });
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).outcome().complete(Optional.ofNullable(ids[i]));
      }
    } catch (DataIntegrityViolationException e) {
      if (batch.size() == 1) {
        batch.get(0).outcome().completeExceptionally(e);
      } else {
        // One row broke a rule of the database; the others should not fail with it.
        for (Pending pending : batch) {
          write(List.of(pending));
        }
      }
    } catch (RuntimeException | Error e) {
      batch.forEach(pending -> pending.outcome().completeExceptionally(e));
      if (DatabaseUnavailable.causedBy(e)) {
        queue.takeWaiting().forEach(pending -> pending.outcome().completeExceptionally(e));
      }
    }
  }

  private static List<Schedule> stored(List<Pending> batch, Long[] ids) {
    List<Schedule> stored = new ArrayList<>(batch.size());
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != null) {
        stored.add(batch.get(i).schedule().stored(ids[i]));
      }
    }
    return stored;
  }

  /** Answers each row's id, in batch order, or null where the row stayed out. */
  private Long[] insertAll(List<Pending> batch) {
    Long[] ids = new Long[batch.size()];
    JdbcClient.StatementSpec insert = jdbc.sql(INSERT);
    for (InsertColumns.Column column : InsertColumns.ALL) {
      Object[] values = batch.stream().map(p -> column.value().apply(p.schedule())).toArray();
      insert = insert.param(column.name(), new SqlArrayValue(column.type(), values));
    }
    insert.query(
        rs -> {
          ids[rs.getInt(1) - 1] = rs.getLong(2);
        });
    return ids;
  }

  private record Pending(NewSchedule schedule, CompletableFuture<Optional<Long>> outcome) {}
}
