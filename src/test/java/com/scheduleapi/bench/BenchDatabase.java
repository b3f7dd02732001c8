package com.scheduleapi.bench;

import com.scheduleapi.PostgresCommands;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark's own PostgreSQL server: the PostgreSQL 15 binaries installed on the machine (run
 * as the {@code postgres} user when we are root), or the embedded zonky server when they are
 * absent. Durability settings are left at their defaults (fsync and synchronous_commit on).
 */
final class BenchDatabase implements AutoCloseable {

  private static final Path PG15 = Path.of("/usr/lib/postgresql/15/bin");

  private final String kind;
  private final String url;
  private final Path dataDir;
  private final EmbeddedPostgres embedded;

  private BenchDatabase(String kind, String url, Path dataDir, EmbeddedPostgres embedded) {
    this.kind = kind;
    this.url = url;
    this.dataDir = dataDir;
    this.embedded = embedded;
  }

  static BenchDatabase start() {
    if (Files.isExecutable(PG15.resolve("pg_ctl"))) {
      return startInstalled();
    }
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "300")
              .setServerConfig("shared_buffers", "512MB")
              .start();
      return new BenchDatabase(
          "embedded zonky PostgreSQL (no /usr/lib/postgresql/15)",
          pg.getJdbcUrl("postgres", "postgres"),
          null,
          pg);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BenchDatabase startInstalled() {
    try {
      Path dir = Files.createTempDirectory("bench-pg-");
      PostgresCommands.giveToPostgres(dir.toString());
      Path data = dir.resolve("data");
      PostgresCommands.run(
          List.of(
              PG15.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              "postgres",
              "-A",
              "trust",
              "-E",
              "UTF8"));
      int port = freePort();
      String options =
          "-p "
              + port
              + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
              + dir
              + " -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=4GB"
              + " -c shared_preload_libraries=pg_stat_statements";
      PostgresCommands.run(
          List.of(
              PG15.resolve("pg_ctl").toString(),
              "-D",
              data.toString(),
              "-l",
              dir.resolve("server.log").toString(),
              "-o",
              options,
              "-w",
              "start"));
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      return new BenchDatabase("PostgreSQL 15 from " + PG15 + ", data in " + dir, url, data, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String kind() {
    return kind;
  }

  String url() {
    return url;
  }

  String username() {
    return "postgres";
  }

  DataSource pool(int size) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername(username());
    pool.setMaximumPoolSize(size);
    return pool;
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException ignored) {
        // going away anyway
      }
      return;
    }
    PostgresCommands.run(
        List.of(
            PG15.resolve("pg_ctl").toString(),
            "-D",
            dataDir.toString(),
            "-m",
            "fast",
            "-w",
            "stop"));
    // A million-message run leaves gigabytes behind; the figures are printed already.
    try {
      FileSystemUtils.deleteRecursively(dataDir.getParent());
    } catch (IOException e) {
      System.out.println("BENCH-NOTE could not remove " + dataDir.getParent() + ": " + e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
