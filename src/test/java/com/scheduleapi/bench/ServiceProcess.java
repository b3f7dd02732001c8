package com.scheduleapi.bench;

import com.scheduleapi.ScheduleApiApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service in a JVM of its own (so that its RSS is its own), on the benchmark database, with the
 * bench-only no-op sender switched on, and a sampler of its resident set size.
 */
final class ServiceProcess implements AutoCloseable {

  static final String API_KEY = "sk_bench_bootstrap_key_0123456789";
  static final String ADMIN_TOKEN = "bench-admin-token";

  /**
   * The JVM the image runs in a 512 MB container. {@code -XX:MaxRAM=512m} tells the JVM the memory
   * it would see there, so its {@code -XX:MaxRAMPercentage=50} gives the same 256 MB heap, starting
   * at 8 MB as it would (with {@code -Xmx256m} alone on this 24 GiB machine the heap started at its
   * full 256 MB, which added 40-50 MB to the service's RSS). It names the parallel collector and
   * trims the native heap (see the Dockerfile). Left to choose on this machine, the JVM would pick
   * G1, whose remembered sets and concurrent marking over a held burst took a quarter of the
   * service's CPU in the send scenarios; in the container itself it would pick the serial collector
   * (checked with {@code -XX:+PrintFlagsFinal} in a cgroup limited to 512 MB), which paused the
   * node a fifth of the time there.
   */
  static final String CONTAINER_JVM =
      "-XX:MaxRAM=512m -XX:MaxRAMPercentage=50 -XX:+UseParallelGC -XX:TrimNativeHeapInterval=1000";

  private final Process process;
  private final int port;
  private final Path log;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile long peakRssKb;
  private final Thread sampler;

  private ServiceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.sampler = new Thread(this::sample, "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  static ServiceProcess start(BenchDatabase db, String jvmOptions) {
    return start(db, jvmOptions, List.of());
  }

  /**
   * As {@link #start(BenchDatabase, String)}, with {@code args} (e.g. {@code
   * --schedule.rules.min-lead=PT2S}) after the harness's own and before {@code bench.service-args}.
   */
  static ServiceProcess start(BenchDatabase db, String jvmOptions, List<String> args) {
    return start(db, jvmOptions, args, "bench");
  }

  /** As above, as the node named {@code nodeName} (a second node of a cluster). */
  static ServiceProcess start(
      BenchDatabase db, String jvmOptions, List<String> args, String nodeName) {
    try {
      int port = BenchDatabase.freePort();
      Path dataDir = Files.createTempDirectory("bench-node");
      Path log = dataDir.resolve("service.log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(
          Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(ScheduleApiApplication.class.getName());
      command.addAll(
          List.of(
              "--server.port=" + port,
              "--schedule.data-dir=" + dataDir,
              "--schedule.admin-token=" + ADMIN_TOKEN,
              "--schedule.bootstrap.api-key=" + API_KEY,
              "--schedule.rate-limit.requests-per-minute=0",
              "--schedule.bench.noop-sender=true",
              // The events scenario's receiver listens on loopback.
              "--schedule.events.allow-private-urls=true",
              "--schedule.dispatch.node-name=" + nodeName,
              "--spring.main.banner-mode=off"));
      command.addAll(args);
      String extra = System.getProperty("bench.service-args", "");
      command.addAll(Arrays.stream(extra.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      // As in the image (Dockerfile): two malloc arenas instead of one per core per thread burst,
      // which keeps the JVM's native memory outside the heap from growing with its thread count.
      builder.environment().put("MALLOC_ARENA_MAX", "2");
      builder.environment().put("SPRING_DATASOURCE_URL", db.url());
      builder.environment().put("SPRING_DATASOURCE_USERNAME", db.username());
      // The test classpath's initializer points contexts at this variable's database.
      builder.environment().put("SCHEDULE_TEST_JDBC_URL", db.url());
      builder.environment().put("SCHEDULE_TEST_JDBC_USERNAME", db.username());
      builder.directory(new File(System.getProperty("java.io.tmpdir")));
      ServiceProcess service = new ServiceProcess(builder.start(), port, log);
      service.awaitReady();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Forgets the peak seen so far, to measure the next scenario on its own. */
  void resetPeak() {
    peakRssKb = rssKb("VmRSS:");
  }

  /** The highest VmRSS sampled since the last reset, in MiB. */
  long peakRssMb() {
    return Math.max(peakRssKb, rssKb("VmRSS:")) / 1024;
  }

  /** The resident set of the process now, in MiB (0 once it has ended). */
  long rssMb() {
    return rssKb("VmRSS:") / 1024;
  }

  /** The kernel's own high-water mark of the process's resident set, in MiB. */
  long highWaterMarkMb() {
    return rssKb("VmHWM:") / 1024;
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.header("Authorization", "Bearer " + API_KEY).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Calls the API as {@code bearer} (a team key or the admin token) and answers the JSON of its
   * 200; anything else fails the scenario. A batch operation on 100,000 schedules may take a while.
   */
  JsonNode call(String method, String path, String body, String bearer) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri(path))
                  .timeout(Duration.ofMinutes(5))
                  .header("Authorization", "Bearer " + bearer)
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service died at start; see " + log);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new IllegalStateException("the service did not become ready; see " + log);
  }

  private void sample() {
    while (process.isAlive()) {
      peakRssKb = Math.max(peakRssKb, rssKb("VmRSS:"));
      sleep(100);
    }
  }

  private long rssKb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process has ended
    }
    return 0;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
