package com.scheduleapi.reliability;

import com.scheduleapi.ApiClient;
import com.scheduleapi.ScheduleApiApplication;
import com.scheduleapi.WebhookSink;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Service nodes on a reliability test's own database, with the default dispatch settings. */
final class Nodes {

  private Nodes() {}

  static List<String> arguments(String name, int port, String databaseUrl) throws IOException {
    return new ArrayList<>(
        List.of(
            "--server.port=" + port,
            "--schedule.test.own-datasource=true",
            "--spring.datasource.url=" + databaseUrl,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=",
            "--schedule.data-dir=" + Files.createTempDirectory("reliability-node-" + name),
            "--schedule.admin-token=" + ApiClient.ADMIN_TOKEN,
            "--schedule.bootstrap.api-key=" + ApiClient.BOOTSTRAP_KEY,
            "--schedule.rate-limit.requests-per-minute=0",
            "--schedule.sender.type=webhook",
            "--schedule.sender.webhook.url=" + WebhookSink.shared().url(),
            "--schedule.dispatch.node-name=" + name,
            // The shared sink answers on 64 threads (see DispatchTest).
            "--schedule.dispatch.max-in-flight=64",
            "--spring.main.banner-mode=off"));
  }

  static ConfigurableApplicationContext inProcess(String name, String databaseUrl, String... extra)
      throws IOException {
    List<String> arguments = arguments(name, 0, databaseUrl);
    arguments.addAll(List.of(extra));
    return new SpringApplicationBuilder(ScheduleApiApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  /** A node in a JVM of its own, so that it can be killed outright. */
  static Process process(String name, int port, String databaseUrl, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ScheduleApiApplication.class.getName());
    command.addAll(arguments(name, port, databaseUrl));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File(System.getProperty("java.io.tmpdir")))
        .start();
  }
}
