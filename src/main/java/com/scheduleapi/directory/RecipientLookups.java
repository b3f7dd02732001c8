package com.scheduleapi.directory;

import com.scheduleapi.web.BatchQueue;
import com.scheduleapi.web.DatabaseUnavailable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox and contact rows a create plans its send by, looked up for the creates that arrive
 * together in one query, as {@code ScheduleWriter} inserts them ({@link BatchQueue}): each create
 * queues its question and waits; one thread takes whatever has queued and answers it in one round
 * trip. On two cores a round trip per create had taken most of a create's CPU (BENCHMARKS.md). A
 * caller inside a transaction asks alone, in its transaction, as it must see its own writes and
 * nobody else's. While the database is away, a failed batch fails the questions queued behind it
 * too, as the writers do: a create waits at most about one connection timeout (1 s by default) for
 * its 503.
 */
@Component
class RecipientLookups implements SmartLifecycle {

  private static final int MAX_BATCH = 500;

  private static final String ONE =
      """
      select i.timezone, i.send_window, c.timezone
      from inbox i left join contact c on c.team_id = :team and c.phone = :phone
      where i.id = :inbox
      """;

  // The contact only where the inbox is there, as in ONE: no inbox, no rows.
  private static final String MANY =
      """
      select u.place, i.id is not null, i.timezone, i.send_window, c.timezone
      from unnest(:teams::bigint[], :inboxes::bigint[], :phones::text[]) with ordinality
           as u(team_id, inbox_id, phone, place)
      left join inbox i on i.id = u.inbox_id
      left join contact c on i.id is not null and c.team_id = u.team_id and c.phone = u.phone
      """;

  private final JdbcClient jdbc;
  private final BatchQueue<Question> questions =
      new BatchQueue<>("recipient-lookups", 1, MAX_BATCH, this::answer);
  // Held while a batch is asked; package-private so that a test can hold it and line askers up.
  final ReentrantLock asking = new ReentrantLock();
  private final LongAdder queries = new LongAdder();

  RecipientLookups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What is stored of an inbox (absent: no such inbox) and of the contact with this phone. */
  record Rows(boolean inboxFound, String inboxZone, String sendWindow, String contactZone) {

    static final Rows NO_INBOX = new Rows(false, null, null, null);
  }

  /** The inbox's and the contact's rows; {@code phone} null for a group message. */
  Rows lookUp(long teamId, long inboxId, String phone) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return jdbc.sql(ONE)
          .param("team", teamId)
          .param("phone", phone)
          .param("inbox", inboxId)
          .query((rs, n) -> new Rows(true, rs.getString(1), rs.getString(2), rs.getString(3)))
          .optional()
          .orElse(Rows.NO_INBOX);
    }
    Question mine = new Question(teamId, inboxId, phone, new CompletableFuture<>());
    questions.submit(mine);
    return BatchQueue.await(mine.answer());
  }

  /** Queries made for batches so far. */
  long queries() {
    return queries.sum();
  }

  /** Questions waiting for the next batch. */
  int waiting() {
    return questions.waiting();
  }

  /** One query for the whole batch; a failure is every question's answer. */
  private void answer(List<Question> batch) {
    asking.lock();
    queries.increment();
    try {
      Rows[] rows = new Rows[batch.size()];
      jdbc.sql(MANY)
          .param("teams", batch.stream().mapToLong(Question::teamId).toArray())
          .param("inboxes", batch.stream().mapToLong(Question::inboxId).toArray())
          .param("phones", batch.stream().map(Question::phone).toArray(String[]::new))
          .query(
              rs -> {
                rows[rs.getInt(1) - 1] =
                    new Rows(rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5));
              });
      for (int i = 0; i < rows.length; i++) {
        batch.get(i).answer().complete(rows[i]);
      }
    } catch (RuntimeException | Error e) {
      // Nobody asks these again: each waiting thread gets the failure.
      batch.forEach(question -> question.answer().completeExceptionally(e));
      if (DatabaseUnavailable.causedBy(e)) {
        questions.takeWaiting().forEach(question -> question.answer().completeExceptionally(e));
      }
    } finally {
      asking.unlock();
    }
  }

  @Override
  public void start() {
    questions.start();
  }

  @Override
  public void stop() {
    questions.stop();
  }

  @Override
  public boolean isRunning() {
    return questions.isRunning();
  }

  @Override
  public int getPhase() {
    return BatchQueue.PHASE;
  }

  private record Question(
      long teamId, long inboxId, String phone, CompletableFuture<Rows> answer) {}
}
