package com.scheduleapi.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ScheduleApiApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default a new user gets: no database named, the service starts its own PostgreSQL in its data
 * directory and keeps every row across restarts, even after being killed outright, with the
 * server's durability settings on.
 */
class EmbeddedDatabaseRestartTest {

  private static final String KEY = "sk_restart_test_key_0123456789";
  private final HttpClient http = HttpClient.newHttpClient();
  private Process node;
  private int dbPort;

  @AfterEach
  void stop() {
    if (node != null) {
      node.destroy();
    }
  }

  @Test
  void keepsDataAcrossAKillAndARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("embedded-restart");
    int port = freePort();
    dbPort = freePort();
    node = start(dataDir, port);
    await().atMost(Duration.ofSeconds(120)).until(() -> status(port, "/actuator/health") == 200);
    HttpResponse<String> created =
        http.send(
            request(port, "/v1/inboxes")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Kept\",\"phone\":\"14155550199\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

    node.destroyForcibly().waitFor();
    node = start(dataDir, port);
    await().atMost(Duration.ofSeconds(120)).until(() -> status(port, "/actuator/health") == 200);

    HttpResponse<String> inboxes =
        http.send(request(port, "/v1/inboxes").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(inboxes.statusCode()).isEqualTo(200);
    assertThat(inboxes.body()).contains("\"name\":\"Kept\"");
    assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
    // The embedded server's builder defaults to fsync and synchronous_commit off; ours must not.
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "");
        Statement settings = db.createStatement();
        ResultSet rs =
            settings.executeQuery(
                "select name, setting from pg_settings"
                    + " where name in ('fsync', 'synchronous_commit', 'full_page_writes')")) {
      Map<String, String> durability = new HashMap<>();
      while (rs.next()) {
        durability.put(rs.getString(1), rs.getString(2));
      }
      assertThat(durability)
          .containsEntry("fsync", "on")
          .containsEntry("synchronous_commit", "on")
          .containsEntry("full_page_writes", "on");
    }
  }

  private Process start(Path dataDir, int port) throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ScheduleApiApplication.class.getName(),
            "--server.port=" + port,
            "--schedule.data-dir=" + dataDir,
            "--schedule.embedded-db.port=" + dbPort,
            "--schedule.bootstrap.api-key=" + KEY,
            "--schedule.test.own-datasource=true",
            "--spring.main.banner-mode=off");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(Files.createTempFile("embedded-restart", ".log").toFile())
        .start();
  }

  private HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + KEY);
  }

  private int status(int port, String path) {
    try {
      return http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception notYet) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
