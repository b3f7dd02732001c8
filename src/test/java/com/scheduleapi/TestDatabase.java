package com.scheduleapi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL of a test JVM, chosen once: the server named by {@code SCHEDULE_TEST_JDBC_URL}
 * (with {@code SCHEDULE_TEST_JDBC_USERNAME} and {@code _PASSWORD}); else a Testcontainers server of
 * the image named by {@code -Dschedule.test.postgres-image} (or {@code
 * SCHEDULE_TEST_POSTGRES_IMAGE}) when a Docker engine is there; else an embedded server started on
 * first use.
 */
public final class TestDatabase {

  private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
  private static EmbeddedPostgres embedded;
  private static Server server;

  private TestDatabase() {}

  public static String url() {
    return server().url();
  }

  public static String username() {
    return server().username();
  }

  public static String password() {
    return server().password();
  }

  private static synchronized Server server() {
    if (server == null) {
      server = choose();
    }
    return server;
  }

  private static Server choose() {
    String external = System.getenv("SCHEDULE_TEST_JDBC_URL");
    if (external != null && !external.isBlank()) {
      return new Server(
          external,
          System.getenv().getOrDefault("SCHEDULE_TEST_JDBC_USERNAME", "postgres"),
          System.getenv().getOrDefault("SCHEDULE_TEST_JDBC_PASSWORD", ""));
    }
    String image =
        System.getProperty(
            "schedule.test.postgres-image", System.getenv("SCHEDULE_TEST_POSTGRES_IMAGE"));
    if (image != null && !image.isBlank()) {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        PostgreSQLContainer container = new PostgreSQLContainer(image);
        container.start();
        log.info("Tests run against {} in a container", image);
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
      }
      log.warn("No Docker engine: {} is not started, the tests use the embedded PostgreSQL", image);
    }
    return new Server(embedded().getJdbcUrl("postgres", "postgres"), "postgres", "");
  }

  private record Server(String url, String username, String password) {}

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
