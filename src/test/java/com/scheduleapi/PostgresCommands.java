package com.scheduleapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL's own programs (initdb, pg_ctl) for tests and benchmarks that start a server of
 * their own: as the postgres user when the build runs as root, which PostgreSQL refuses to be.
 */
public final class PostgresCommands {

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private PostgresCommands() {}

  /** Runs a PostgreSQL program and fails unless it ends well within two minutes. */
  public static void run(List<String> command) {
    List<String> wrapped = new ArrayList<>();
    if (ROOT) {
      wrapped.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    wrapped.addAll(command);
    runAsIs(wrapped);
  }

  /** Lets the postgres user own a directory the build made (a no-op unless running as root). */
  public static void giveToPostgres(String directory) {
    if (ROOT) {
      runAsIs(List.of("chown", "postgres", directory));
    }
  }

  private static void runAsIs(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("failed: " + String.join(" ", command));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
