package com.scheduleapi.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Sums up the lines that Quartz and the connection pool write while the database is away. Quartz
 * logs an ERROR with a full stack trace for every failed cluster check-in, misfire scan and trigger
 * acquisition, several a second on every node; an operator paged at night needs the first failure,
 * a count now and then, and the recovery. Those lines go through {@link FaultLog} instead (the
 * stack trace at DEBUG); every other line of these libraries is left as it is.
 */
@Component
public class LibraryFaults extends TurboFilter implements InitializingBean, DisposableBean {

  static final String SCHEDULER = "Quartz cannot reach the database";
  static final String ROLLBACK = "Transactions not rolled back (database away?)";
  static final String POOL = "Pooled connections broken (database away?)";

  private final FaultLog faults;

  public LibraryFaults() {
    this(LoggerFactory.getLogger(LibraryFaults.class));
  }

  /** Writes its summaries to {@code log} (tests give a logger of a context of their own). */
  LibraryFaults(org.slf4j.Logger log) {
    this.faults = new FaultLog(log);
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    if (fromQuartz(name) && databaseAway(cause(t, params))) {
      faults.warn(SCHEDULER, firstLine(format, params), cause(t, params));
      return FilterReply.DENY;
    }
    if (name.startsWith("org.springframework.transaction.")
        && DatabaseUnavailable.causedBy(cause(t, params))) {
      faults.warn(ROLLBACK, firstLine(format, params), cause(t, params));
      return FilterReply.DENY;
    }
    if (name.startsWith("com.zaxxer.hikari.") && brokenConnection(format, cause(t, params))) {
      faults.warn(POOL, firstLine(format, params), cause(t, params));
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  /**
   * The database answers again (someone read from it): logs how long these lines were summed up.
   */
  public void databaseReached() {
    faults.recovered(SCHEDULER);
    faults.recovered(ROLLBACK);
    faults.recovered(POOL);
  }

  /**
   * The pool's lines about connections the database took away: one per pooled connection found
   * broken, one with a stack trace each time it fails to open a new one.
   */
  private static boolean brokenConnection(String format, Throwable cause) {
    return format != null
            && (format.contains("Failed to validate connection")
                || format.contains("marked as broken"))
        || DatabaseUnavailable.causedBy(cause);
  }

  /**
   * The database away, or a connection it took away: Hikari's closed connection throws "Connection
   * is closed" without an SQL state, which Quartz meets when it rolls back after the failure.
   */
  private static boolean databaseAway(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException && "Connection is closed".equals(t.getMessage())) {
        return true;
      }
    }
    return DatabaseUnavailable.causedBy(cause);
  }

  /** Quartz's own classes, and Spring's job store, which logs under its own name. */
  private static boolean fromQuartz(String logger) {
    return logger.startsWith("org.quartz.")
        || logger.startsWith("org.springframework.scheduling.quartz.");
  }

  /** SLF4J passes the throwable either on its own or as the last argument. */
  private static Throwable cause(Throwable t, Object[] params) {
    if (t != null) {
      return t;
    }
    if (params != null
        && params.length > 0
        && params[params.length - 1] instanceof Throwable last) {
      return last;
    }
    return null;
  }

  private static String firstLine(String format, Object[] params) {
    String message = MessageFormatter.arrayFormat(format, params).getMessage();
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  @Override
  public void afterPropertiesSet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      setName(getClass().getSimpleName());
      setContext(context);
      start();
      context.addTurboFilter(this);
    }
  }

  @Override
  public void destroy() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getTurboFilterList().remove(this);
    }
    stop();
  }
}
