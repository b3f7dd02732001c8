package com.scheduleapi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one PostgreSQL of a test JVM: an embedded server started on first use, or the server named by
 * {@code SCHEDULE_TEST_JDBC_URL} (with {@code SCHEDULE_TEST_JDBC_USERNAME} and {@code _PASSWORD}).
 */
public final class TestDatabase {

  private static EmbeddedPostgres embedded;

  private TestDatabase() {}

  public static synchronized String url() {
    String external = System.getenv("SCHEDULE_TEST_JDBC_URL");
    if (external != null && !external.isBlank()) {
      return external;
    }
    return embedded().getJdbcUrl("postgres", "postgres");
  }

  public static String username() {
    String external = System.getenv("SCHEDULE_TEST_JDBC_URL");
    return external != null && !external.isBlank()
        ? System.getenv().getOrDefault("SCHEDULE_TEST_JDBC_USERNAME", "postgres")
        : "postgres";
  }

  public static String password() {
    String external = System.getenv("SCHEDULE_TEST_JDBC_URL");
    return external != null && !external.isBlank()
        ? System.getenv().getOrDefault("SCHEDULE_TEST_JDBC_PASSWORD", "")
        : "";
  }

  /** The embedded server itself, for tests that stop and start it; null when external. */
  public static synchronized EmbeddedPostgres embedded() {
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      embedded.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return embedded;
  }
}
