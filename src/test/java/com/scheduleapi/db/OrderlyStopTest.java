package com.scheduleapi.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.scheduleapi.ApiClient;
import com.scheduleapi.BulkSchedules;
import com.scheduleapi.ScheduleApiApplication;
import com.scheduleapi.WebhookSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A node on its embedded database gets SIGTERM in the middle of a burst: it stops in order (web
 * server, dispatcher, Quartz, pool, and the database last) without one ERROR line, and after a
 * restart on the same data directory every phone has been posted exactly once. Then that node is
 * killed outright, and a third start on the same directory stops the PostgreSQL it left behind and
 * finds every row, with the durability settings on. (One class for both, since each start of a
 * service process costs the build tens of seconds.)
 */
class OrderlyStopTest {

  private static final int BURST = 3000;
  private static final String KEY = ApiClient.BOOTSTRAP_KEY;

  // Its own: the nodes run on a database of their own, whose schedule ids the shared sink would mix
  // with the shared database's that other tests look for.
  private final WebhookSink sink = WebhookSink.ofItsOwn();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> nodes = new ArrayList<>();
  private Path dataDir;
  private int dbPort;

  @AfterEach
  void stopAll() throws Exception {
    for (Process node : nodes) {
      node.destroyForcibly().waitFor();
    }
    sink.close();
    // A node killed outright leaves its PostgreSQL running; stop it (the next start would too).
    Path pidFile = dataDir == null ? null : dataDir.resolve("postgres").resolve("postmaster.pid");
    if (pidFile != null && Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
  }

  @Test
  void aStopMidBurstSendsEachPhoneOnceAndStopsTheDatabaseLast() throws Exception {
    dataDir = Files.createTempDirectory("orderly-stop");
    dbPort = freePort();
    int port = freePort();
    long firstPhone = 13_000_000_000L + ThreadLocalRandom.current().nextLong(900_000_000L);
    Path firstLog = Files.createTempFile("orderly-stop-first", ".log");
    Path secondLog = Files.createTempFile("orderly-stop-second", ".log");

    Process first = start(port, "stopping", firstLog);
    awaitReady(port, first, firstLog);
    JdbcClient jdbc = JdbcClient.create(embeddedDatabase());
    Instant due = Instant.now().plusSeconds(3);
    BulkSchedules.Team team = BulkSchedules.team(jdbc, "orderly-stop");
    BulkSchedules.singlePhones(jdbc, team, due, firstPhone, BURST, "orderly stop");
    // The provider answers slowly, so that the node still holds work when it is told to stop.
    sink.delay(Duration.ofMillis(100));

    sleepUntil(due.plusSeconds(2));
    Instant stopAsked = Instant.now();
    first.destroy();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the node stops within 60 s").isTrue();
    Duration stopTook = Duration.between(stopAsked, Instant.now());
    Map<String, Long> firstRun = postsByPhone(firstPhone);
    sink.delay(Duration.ZERO);

    Process second = start(port, "restarted", secondLog);
    awaitReady(port, second, secondLog);
    await().atMost(Duration.ofSeconds(30)).until(() -> postsByPhone(firstPhone).size() == BURST);
    Thread.sleep(1000); // a repeat would come within the hand-off of the same batch
    Map<String, Long> posts = postsByPhone(firstPhone);

    assertThat(posts).hasSize(BURST);
    assertThat(posts.values()).as("posts per phone over both runs").allMatch(n -> n == 1);
    List<String> stopLog = Files.readAllLines(firstLog);
    assertThat(stopLog).as("ERROR lines in %s", firstLog).noneMatch(l -> l.contains(" ERROR "));
    int dispatcherStopped = lineOf(stopLog, "Dispatcher on node stopping stopped");
    int databaseStopped = lineOf(stopLog, "Embedded PostgreSQL on port " + dbPort + " stopped");
    assertThat(dispatcherStopped).as("dispatcher stop logged in %s", firstLog).isNotNegative();
    assertThat(databaseStopped)
        .as("database stopped after the dispatcher")
        .isGreaterThan(dispatcherStopped);
    System.out.printf(
        "RELIABILITY orderly-stop: burst=%d postedBeforeStop=%d postedAfterRestart=%d"
            + " stopMs=%d repeats=0 errorLines=0%n",
        BURST, firstRun.size(), BURST - firstRun.size(), stopTook.toMillis());

    // Killed outright, a node leaves its PostgreSQL running on the data directory; the next start
    // stops that orphan, starts its own and finds every row, with durable settings.
    second.destroyForcibly().waitFor();
    Path thirdLog = Files.createTempFile("orderly-stop-third", ".log");
    Process third = start(port, "after-kill", thirdLog);
    awaitReady(port, third, thirdLog);
    assertThat(
            jdbc.sql("select count(*) from schedule where team_id = :team")
                .param("team", team.id())
                .query(Long.class)
                .single())
        .as("schedules kept across a SIGKILL and a restart")
        .isEqualTo(BURST);
    Map<String, String> durability =
        jdbc
            .sql(
                "select name, setting from pg_settings"
                    + " where name in ('fsync', 'synchronous_commit', 'full_page_writes')")
            .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    // The embedded server's builder defaults to fsync and synchronous_commit off; ours must not.
    assertThat(durability)
        .containsEntry("fsync", "on")
        .containsEntry("synchronous_commit", "on")
        .containsEntry("full_page_writes", "on");
  }

  private Process start(int port, String name, Path log) throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            // The client compiler only: each start is sooner, and a 3,000 burst needs no C2.
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ScheduleApiApplication.class.getName(),
            "--server.port=" + port,
            "--schedule.data-dir=" + dataDir,
            "--schedule.embedded-db.port=" + dbPort,
            "--schedule.bootstrap.api-key=" + KEY,
            "--schedule.sender.type=webhook",
            "--schedule.sender.webhook.url=" + sink.url(),
            "--schedule.dispatch.node-name=" + name,
            // Shorter than the burst takes to send: the stop must not wait out a lease.
            "--schedule.dispatch.lease=PT5S",
            // The sink answers on 64 threads (see DispatchTest): more calls in flight would
            // wait in its backlog past the stop's deadline, and be sent again after the restart.
            "--schedule.dispatch.max-in-flight=64",
            "--schedule.test.own-datasource=true",
            "--spring.main.banner-mode=off");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    nodes.add(process);
    return process;
  }

  /** A start takes seconds on an idle machine, minutes on a build machine shared with others. */
  private void awaitReady(int port, Process node, Path log) {
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(node.isAlive()).as("node alive; see %s", log).isTrue();
              return status(port) == 200;
            });
  }

  private int status(int port) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception notYet) {
      return -1;
    }
  }

  private DriverManagerDataSource embeddedDatabase() {
    return new DriverManagerDataSource(
        "jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "");
  }

  /** How often the sink saw each phone of this test's burst. */
  private Map<String, Long> postsByPhone(long firstPhone) {
    List<String> phones =
        LongStream.rangeClosed(firstPhone + 1, firstPhone + BURST)
            .mapToObj(Long::toString)
            .toList();
    java.util.Set<String> ours = new java.util.HashSet<>(phones);
    return sink.received().stream()
        .flatMap(r -> r.recipients().stream())
        .filter(ours::contains)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static int lineOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
