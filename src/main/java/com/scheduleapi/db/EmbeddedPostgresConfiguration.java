package com.scheduleapi.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL 17 of our own when the operator names no database, so that {@code ./mvnw
 * spring-boot:run} works on a machine with nothing installed. The data directory survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedDatabase embeddedDatabase(EmbeddedDbProperties properties) throws IOException {
    Files.createDirectories(properties.dataDir());
    stopOrphan(properties.dataDir());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(properties.dataDir())
            .setCleanDataDirectory(false)
            .setPort(properties.port())
            .setServerConfig("max_connections", "200")
            // The embedded server's builder turns durability off, as suits tests; a service that
            // answers 200 for a stored schedule must not lose it to a power cut.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            // Its own shutdown hook would race Spring's and stop the server under the web server,
            // the dispatcher and Quartz; Spring stops it last instead (EmbeddedDatabase.close).
            .setRegisterShutdownHook(false)
            .start();
    log.info(
        "Embedded PostgreSQL on port {} with data in {}",
        postgres.getPort(),
        properties.dataDir().toAbsolutePath());
    return new EmbeddedDatabase(postgres, properties.dataDir());
  }

  /** Depends on the database, so Spring closes the pool first and stops the database after it. */
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedDatabase database) {
    String url = database.jdbcUrl();
    return DataSourceBuilder.create()
        .type(HikariDataSource.class)
        .url(url)
        .username("postgres")
        .password("")
        .build();
  }

  /**
   * A process killed outright (SIGKILL) leaves its PostgreSQL running on the data directory, and a
   * new start would fail on it: stop it first (a fast shutdown; its clients died with the process).
   */
  private static void stopOrphan(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (RuntimeException unreadable) {
      return;
    }
    ProcessHandle orphan =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
            .orElse(null);
    if (orphan == null) {
      return;
    }
    log.warn(
        "A PostgreSQL left running by an earlier start (pid {}) holds {}; stopping it",
        pid,
        dataDir);
    new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
    try {
      orphan.onExit().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("PostgreSQL pid " + pid + " did not stop; stop it and start again", e);
    }
  }
}
