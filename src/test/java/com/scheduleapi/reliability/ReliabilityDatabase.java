package com.scheduleapi.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL 15 server of the test's own (the Debian binaries), which the test can stop the way a
 * crash does ({@code pg_ctl -m immediate}) and start again on the same data and port.
 */
final class ReliabilityDatabase implements AutoCloseable {

  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

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
    if (ROOT) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    ReliabilityDatabase db = new ReliabilityDatabase(dir, freePort());
    run(
        asPostgres(
            List.of(
                BIN.resolve("initdb").toString(),
                "-D",
                db.data.toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8")));
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
    run(
        asPostgres(
            List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                options,
                "-w",
                "start")));
  }

  /** Stops the server as a crash would: no checkpoint, every connection cut. */
  void crash() {
    stop("immediate");
  }

  private void stop(String mode) {
    run(
        asPostgres(
            List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-m",
                mode,
                "-w",
                "stop")));
  }

  @Override
  public void close() throws IOException {
    stop("fast");
    FileSystemUtils.deleteRecursively(dir);
  }

  private static List<String> asPostgres(List<String> command) {
    if (!ROOT) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command) {
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
