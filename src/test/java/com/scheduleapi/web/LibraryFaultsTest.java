package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobPersistenceException;

class LibraryFaultsTest {

  // A logging context of its own: the Spring contexts of other tests in this JVM install their
  // own filters in the global one, and the first of them would answer for these lines.
  private final LoggerContext context = new LoggerContext();
  private final LibraryFaults filter =
      new LibraryFaults(context.getLogger(LibraryFaults.class.getName()));
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final org.slf4j.Logger quartz =
      context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX");

  @BeforeEach
  void listen() {
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    root.setLevel(Level.INFO); // as the service logs; stack traces go to DEBUG
    lines.start();
    root.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    context.stop();
  }

  @Test
  void sumsUpQuartzErrorsAboutTheDatabaseAndLogsTheRecovery() {
    for (int i = 0; i < 200; i++) {
      quartz.error(
          "ClusterManager: Error managing cluster: Failed to obtain DB connection",
          new JobPersistenceException(
              "Failed to obtain DB connection from data source",
              new SQLTransientConnectionException("Connection is not available")));
    }
    quartz.error(
        "Couldn't rollback jdbc connection. Connection is closed",
        new java.sql.SQLException("Connection is closed"));
    filter.databaseReached();

    assertThat(lines.list).noneMatch(e -> e.getLoggerName().startsWith("org.quartz."));
    assertThat(lines.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    assertThat(lines.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .hasSize(1)
        .allMatch(e -> e.getThrowableProxy() == null)
        .allMatch(e -> e.getFormattedMessage().contains("Error managing cluster"));
    assertThat(lines.list)
        .filteredOn(e -> e.getLevel() == Level.INFO)
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("201 failures"));
  }

  @Test
  void sumsUpSpringsJobStoreToo() {
    org.slf4j.Logger store =
        context.getLogger("org.springframework.scheduling.quartz.LocalDataSourceJobStore");
    for (int i = 0; i < 5; i++) {
      store.error(
          "MisfireHandler: Error handling misfires: Failed to obtain DB connection",
          new JobPersistenceException(
              "Failed to obtain DB connection", new SQLTransientConnectionException("timed out")));
    }

    assertThat(lines.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
  }

  @Test
  void leavesQuartzErrorsThatAreNotAboutTheDatabaseAlone() {
    quartz.error("Job threw an unhandled exception", new IllegalStateException("a bug"));

    assertThat(lines.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.ERROR);
              assertThat(e.getThrowableProxy()).isNotNull();
            });
  }

  @Test
  void sumsUpThePoolsBrokenConnectionLines() {
    org.slf4j.Logger pool = context.getLogger("com.zaxxer.hikari.pool.PoolBase");
    for (int i = 0; i < 10; i++) {
      pool.warn(
          "{} - Failed to validate connection {} ({}). Possibly consider using a shorter"
              + " maxLifetime value.",
          "HikariPool-1",
          "conn" + i,
          "This connection has been closed.");
    }
    pool.warn(
        "{} - Pool is empty, failed to create/setup connection ({})",
        "HikariPool-1",
        "id",
        new SQLTransientConnectionException("Connection refused"));

    assertThat(lines.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLoggerName()).isEqualTo(LibraryFaults.class.getName());
              assertThat(e.getThrowableProxy()).isNull();
            });
  }
}
