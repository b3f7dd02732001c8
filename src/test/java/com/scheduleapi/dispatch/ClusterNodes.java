package com.scheduleapi.dispatch;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ScheduleApiApplication;
import com.scheduleapi.TestDatabase;
import com.scheduleapi.WebhookSink;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Starts service nodes on the test database: in this JVM, or as processes of their own. */
final class ClusterNodes {

  private ClusterNodes() {}

  static List<String> arguments(String name, int port) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("node-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(
        List.of(
            "--server.port=" + port,
            "--schedule.data-dir=" + dataDir,
            "--schedule.admin-token=" + ApiClient.ADMIN_TOKEN,
            "--schedule.bootstrap.api-key=" + ApiClient.BOOTSTRAP_KEY,
            "--schedule.rate-limit.requests-per-minute=0",
            "--schedule.rules.min-lead=PT1S",
            "--schedule.rules.granularity=PT1S",
            "--schedule.sender.type=webhook",
            "--schedule.sender.webhook.url=" + WebhookSink.shared().url(),
            "--schedule.dispatch.node-name=" + name,
            "--schedule.dispatch.lease=PT5S",
            // A dead node is seen in 6 s (three missed check-ins) rather than 15 s, and a node
            // takes over 8 s after it first reached the database: the same rules, sooner.
            "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
            "--schedule.dispatch.takeover-grace=PT8S",
            // Two batches per node: no node can claim a whole test burst ahead on its own, so
            // every node holds a share of it (what a busy cluster looks like).
            "--schedule.dispatch.max-held=2000",
            // The shared sink answers on 64 threads (see DispatchTest).
            "--schedule.dispatch.max-in-flight=64",
            "--spring.main.banner-mode=off"));
  }

  /** A node in this JVM; close the context to stop it. */
  static ConfigurableApplicationContext inProcess(String name) {
    return new SpringApplicationBuilder(ScheduleApiApplication.class)
        .run(arguments(name, 0).toArray(String[]::new));
  }

  /** A node in a JVM of its own, on the test database, so that it can be killed outright. */
  static Process process(String name, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // The client compiler only: a test node starts sooner and never runs long enough to need C2.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ScheduleApiApplication.class.getName());
    command.addAll(arguments(name, port));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().put("SCHEDULE_TEST_JDBC_URL", TestDatabase.url());
    builder.environment().put("SCHEDULE_TEST_JDBC_USERNAME", TestDatabase.username());
    builder.environment().put("SCHEDULE_TEST_JDBC_PASSWORD", TestDatabase.password());
    builder.directory(new File(System.getProperty("java.io.tmpdir")));
    return builder.start();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JdbcClient jdbc(ConfigurableApplicationContext node) {
    return JdbcClient.create(node.getBean(DataSource.class));
  }
}
