package com.scheduleapi.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running embedded PostgreSQL, stopped by Spring when the context closes rather than by a JVM
 * shutdown hook of its own: the connection pool depends on this bean, so Spring closes the pool
 * (after the web server, the dispatcher and Quartz have stopped) before it stops the server.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    log.info(
        "Embedded PostgreSQL on port {} stopped; its data stays in {}",
        postgres.getPort(),
        dataDir.toAbsolutePath());
  }
}
