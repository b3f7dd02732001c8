package com.scheduleapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.scheduleapi.MutableClock;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An outage of thousands of failures reads in a handful of lines, stack traces only at DEBUG. */
class FaultLogTest {

  private final MutableClock clock = new MutableClock();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private FaultLog faults;

  @BeforeEach
  void capture() {
    clock.set(Instant.parse("2026-11-27T12:00:00Z"));
    Logger logger = (Logger) LoggerFactory.getLogger("test.FaultLog." + System.nanoTime());
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(lines);
    lines.start();
    faults = new FaultLog(logger, clock, Duration.ofSeconds(10));
  }

  @Test
  void logsTheFirstFailureThenOneCountedLinePerIntervalThenTheRecovery() {
    Exception cause = new SQLTransientConnectionException("Connection is not available");
    // 25 s of failures, 100 a second.
    for (int i = 0; i < 2500; i++) {
      faults.warn("database", "no connection", cause);
      clock.advance(Duration.ofMillis(10));
    }
    faults.recovered("database");

    assertThat(messages())
        .containsExactly(
            "WARN database: no connection (first failure; repeats are summed up every 10 s)",
            "WARN database: no connection (1000 failures in the last 10.0 s, failing for 10.0 s)",
            "WARN database: no connection (1000 failures in the last 10.0 s, failing for 20.0 s)",
            "INFO database: recovered after 25.0 s (2500 failures)");
    assertThat(lines.list).allMatch(line -> line.getThrowableProxy() == null);
  }

  @Test
  void countsEachKindOnItsOwn() {
    faults.warn("database", "no connection");
    faults.warn("provider", "503");
    clock.advance(Duration.ofSeconds(1));
    faults.warn("database", "no connection");
    faults.recovered("provider");

    assertThat(messages())
        .containsExactly(
            "WARN database: no connection (first failure; repeats are summed up every 10 s)",
            "WARN provider: 503 (first failure; repeats are summed up every 10 s)",
            "INFO provider: recovered after 1.0 s (1 failures)");
    assertThat(faults.failing("database")).isTrue();
    assertThat(faults.failing("provider")).isFalse();
  }

  @Test
  void saysNothingOfARecoveryWithoutAFailure() {
    faults.recovered("database");
    faults.warn("database", "down");
    faults.recovered("database");
    faults.recovered("database");

    assertThat(messages()).hasSize(2);
  }

  @Test
  void keepsTheStackTraceAtDebug() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.FaultLog.debug." + System.nanoTime());
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    logger.addAppender(lines);
    FaultLog debugging = new FaultLog(logger, clock, Duration.ofSeconds(10));

    debugging.warn("database", "no connection", new IllegalStateException("boom"));
    debugging.warn("database", "no connection", new IllegalStateException("boom"));

    assertThat(lines.list)
        .filteredOn(line -> line.getLevel() == Level.WARN)
        .hasSize(1)
        .allMatch(line -> line.getThrowableProxy() == null);
    assertThat(lines.list)
        .filteredOn(line -> line.getLevel() == Level.DEBUG)
        .hasSize(2)
        .allMatch(line -> line.getThrowableProxy().getMessage().equals("boom"));
  }

  private List<String> messages() {
    return lines.list.stream().map(l -> l.getLevel() + " " + l.getFormattedMessage()).toList();
  }
}
