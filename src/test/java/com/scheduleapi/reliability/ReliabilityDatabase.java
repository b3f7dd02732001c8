package com.scheduleapi.reliability;

import com.scheduleapi.PostgresCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL 15 server of the test's own (the Debian binaries), which the test can stop the way a
 * crash does ({@code pg_ctl -m immediate}) and start again on the same data and port.
 */
final class ReliabilityDatabase implements AutoCloseable {

  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

  private final Path dir;
  private final Path data;
  private final int port;

  private ReliabilityDatabase(Path dir, int port) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

  static boolean available() {
    return Files.isExecutable(BIN.resolve("pg_ctl"));
  }

  static ReliabilityDatabase create() throws IOException {
    Path dir = Files.createTempDirectory("reliability-pg-");
    PostgresCommands.giveToPostgres(dir.toString());
    ReliabilityDatabase db = new ReliabilityDatabase(dir, freePort());
    PostgresCommands.run(
        List.of(
            BIN.resolve("initdb").toString(),
            "-D",
            db.data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8"));
    db.start();
    return db;
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  void start() {
    String options =
        "-p "
            + port
            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
            + dir
            + " -c max_connections=200";
    PostgresCommands.run(
        List.of(
            BIN.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-o",
            options,
            "-w",
            "start"));
  }

  /** Stops the server as a crash would: no checkpoint, every connection cut. */
  void crash() {
    stop("immediate");
  }

  private void stop(String mode) {
    PostgresCommands.run(
        List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "stop"));
  }

  @Override
  public void close() throws IOException {
    stop("fast");
    FileSystemUtils.deleteRecursively(dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
