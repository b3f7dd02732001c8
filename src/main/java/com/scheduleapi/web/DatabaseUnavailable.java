package com.scheduleapi.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The database cannot be reached; the client should try again shortly. */
public class DatabaseUnavailable extends ApiException {

  /** The request side's outages: a few lines each, however many requests meet them. */
  private static final FaultLog LOG =
      new FaultLog(LoggerFactory.getLogger(DatabaseUnavailable.class));

  public DatabaseUnavailable() {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        "unavailable",
        "The service cannot reach its database right now; try again in a few seconds.");
  }

  @Override
  public Duration retryAfter() {
    return Duration.ofSeconds(5);
  }

  /**
   * Logs that a request met the database away: the first time at WARN, then one counted WARN line
   * every 10 s while it lasts, the stack trace only at DEBUG (see {@link FaultLog}).
   */
  public static void log(String during, Throwable cause) {
    LOG.warn("database", "unavailable " + during + ": " + deepestMessage(cause), cause);
  }

  /** The driver's or the pool's own words, not a wrapper's message that repeats the whole SQL. */
  private static String deepestMessage(Throwable e) {
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    return deepest.getMessage();
  }

  /** A request was served by the database again. */
  static void served() {
    LOG.recovered("database");
  }

  /**
   * Whether {@code e} says the database is away rather than the request wrong: no connection from
   * the pool, a refused or broken connection (SQL state class 08), a server shutting down (57P), or
   * a transaction that could not even be rolled back on its connection (Hikari's closed connection
   * carries no SQL state).
   */
  public static boolean causedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof CannotCreateTransactionException
          || t instanceof QueryTimeoutException
          || t instanceof SQLTransientConnectionException
          || t instanceof ConnectException
          || t instanceof TransactionSystemException
          || t instanceof org.hibernate.TransactionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }
}
