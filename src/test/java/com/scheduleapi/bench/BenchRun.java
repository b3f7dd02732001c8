package com.scheduleapi.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs every scenario in one go on one fresh PostgreSQL server, prints one {@code BENCH} line per
 * scenario and system, and writes them as a table into a report file.
 */
final class BenchRun {

  /** What to run: sizes, durations, the service's JVM options, where the report goes. */
  record Settings(
      int n,
      int peerN,
      int createClients,
      Duration createWarmUp,
      Duration create,
      String serviceJvmOptions,
      Path report,
      String command) {}

  private final Settings settings;
  private final List<BenchResult> results = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  BenchRun(Settings settings) {
    this.settings = settings;
  }

  List<BenchResult> run() {
    try (BenchDatabase db = BenchDatabase.start();
        HikariDataSource admin = (HikariDataSource) db.pool(4)) {
      note("database: " + db.kind());
      String pgVersion =
          JdbcClient.create(admin).sql("show server_version").query(String.class).single();
      try (ServiceProcess service =
          ServiceProcess.start(
              db,
              settings.serviceJvmOptions(),
              // The receipts scenario signs Twilio's status callbacks with this token.
              List.of("--schedule.sender.twilio.auth-token=" + ReceiptsScenario.AUTH_TOKEN))) {
        note(
            "service JVM: "
                + settings.serviceJvmOptions()
                + ", pid "
                + service.pid()
                + ", log "
                + service.log());
        ServiceScenarios ours = new ServiceScenarios(service, admin);
        if (Boolean.getBoolean("bench.create-only")) {
          profiled(admin, () -> creates(ours));
          return results;
        }
        if (Boolean.getBoolean("bench.send-only")) {
          profiled(admin, () -> sendScenarios(ours));
          return results;
        }
        warmUp(ours);
        BenchResult burst = report(ours.burst(settings.n()));
        if (settings.n() > 100_000) {
          // The same command's 100,000 burst, to show cost grows linearly with the work.
          report(ours.burst(100_000));
        }
        if (Boolean.getBoolean("bench.profile")) {
          Profile.topStatements(admin).forEach(System.out::println);
        }
        if (Boolean.getBoolean("bench.burst-only")) {
          return results;
        }
        if (Boolean.getBoolean("bench.events-only")) {
          events(ours, service, admin);
          return results;
        }
        long burstPeak = burst.rssMb();
        BenchResult broadcast = report(ours.broadcast(settings.n()));
        BenchResult windowed = report(ours.broadcastWindowed(settings.n()));
        note(
            String.format(
                java.util.Locale.ROOT,
                "broadcast-windowed: the phones of the two zones whose window is open went out at"
                    + " %.0f %% of the plain broadcast's rate (goal: at least 50 %%); the other half"
                    + " was planned for the window's opening and not claimed",
                100 * windowed.perSecond() / broadcast.perSecond()));
        ours.fairness(Math.min(2 * settings.n(), 200_000), 100).forEach(this::report);
        sendScenarios(ours);
        note("pacing: a second service node, " + settings.serviceJvmOptions());
        try (ServiceProcess second =
            ServiceProcess.start(db, settings.serviceJvmOptions(), List.of(), "bench-2")) {
          report(
              PacingScenario.run(
                  List.of(service, second),
                  admin,
                  Math.min(10_000, Math.max(400, settings.n() / 10)),
                  200));
        }
        BenchResult create = creates(ours);
        report(
            BenchResult.memory(
                ServiceScenarios.SYSTEM,
                Math.max(burstPeak, Math.max(create.rssMb(), service.highWaterMarkMb()))));
        // Last of ours: its webhook must not weigh on the scenarios measured without one.
        events(ours, service, admin);
        report(new ReceiptsScenario(service, admin).run(Math.min(settings.n(), 50_000)));
        note(
            "receipts: signed Twilio status callbacks from 64 keep-alive clients at once; commits"
                + " counts every transaction the database committed meanwhile, background"
                + " included");
        new BatchScenario(service, admin).run(settings.n()).forEach(this::report);
      }
      note(DbSchedulerPeer.tuning());
      report(DbSchedulerPeer.burst(db, settings.peerN()));
      note(
          QuartzPeer.tuning()
              + (settings.peerN() > QuartzPeer.CAP
                  ? " (requested n=" + settings.peerN() + ")"
                  : ""));
      report(QuartzPeer.burst(db, admin, settings.peerN()));
      if (settings.report() != null) {
        write(pgVersion);
      }
    }
    return results;
  }

  /**
   * The events scenario, after the same burst without a webhook run just before it, so that the two
   * send times compare at one state of the database.
   */
  /**
   * The create scenario and its two peers, measured one after the other once all three are warm.
   * Answers ours.
   */
  private BenchResult creates(ServiceScenarios ours) {
    List<String> paths = List.of("/v1/schedule", "/bench/ceiling", "/bench/jpa");
    note(
        "create: warm-up, each in turn for "
            + settings.createWarmUp().toSeconds()
            + " s, three times, not in the table: "
            + String.join(
                ", ",
                ours.warmUpCreates(paths, settings.createClients(), settings.createWarmUp(), 3)));
    BenchResult create =
        report(ours.create(settings.createClients(), Duration.ZERO, settings.create()));
    report(
        ours.create(
            paths.get(1),
            "http-ceiling",
            settings.createClients(),
            Duration.ZERO,
            settings.create()));
    report(
        ours.create(
            paths.get(2),
            "jpa-per-request",
            settings.createClients(),
            Duration.ZERO,
            settings.create()));
    return create;
  }

  private void events(ServiceScenarios ours, ServiceProcess service, HikariDataSource admin) {
    double without = ours.burst(settings.n()).seconds();
    EventsScenario.Outcome events = new EventsScenario(service, admin).run(settings.n());
    report(events.events());
    note(
        String.format(
            java.util.Locale.ROOT,
            "events: with a webhook registered the %d sends took %.2f s; the same burst without"
                + " one, just before: %.2f s (%+.0f %%, goal: at most +15 %%); every delivery.sent"
                + " reached the receiver in %.2f s",
            settings.n(),
            events.sendSeconds(),
            without,
            100 * (events.sendSeconds() / without - 1),
            events.events().seconds()));
  }

  /**
   * A node that has run for a while has its dispatch path compiled; a fresh JVM compiles it during
   * its first burst (the C2 compiler took 40-50 % of a core through a 100,000 burst), and after one
   * burst of a fifth it still took 0.3-0.5 of a core through the measured one (per-thread CPU from
   * /proc, 2026-11-28). So the service sends a fifth of the burst twice first, not reported in the
   * table.
   */
  private void warmUp(ServiceScenarios ours) {
    if (settings.n() >= 10_000) {
      ours.burst(settings.n() / 5);
      BenchResult warm = ours.burst(settings.n() / 5);
      note(
          String.format(
              java.util.Locale.ROOT,
              "warm-up: a burst of %d, twice, first, not in the table (the second: %.0f/s, %.3f s,"
                  + " p99 %s ms, max %s ms)",
              warm.n(),
              warm.perSecond(),
              warm.seconds(),
              warm.p99Ms(),
              warm.maxMs()));
    }
  }

  /**
   * Webhook and Twilio through a local provider that answers in 100 ms, and that provider alone
   * under a load of its own.
   */
  private void sendScenarios(ServiceScenarios ours) {
    int n = Math.min(settings.n(), 100_000);
    try (ProviderSink sink = new ProviderSink(Duration.ofMillis(100))) {
      note("webhook, twilio: a local provider answering each call after 100 ms");
      if (n >= 10_000) {
        // As the burst: the senders' code compiled before it is measured, each on a fifth, twice.
        // After one round the C2 compiler still took 0.1-0.45 of a core through the measured
        // webhook run (per-thread CPU from /proc), a quarter of what the service used.
        BenchResult webhook = ours.send("webhook", n / 5, sink);
        BenchResult twilio = ours.send("twilio", n / 5, sink);
        webhook = ours.send("webhook", n / 5, sink);
        twilio = ours.send("twilio", n / 5, sink);
        SinkLoad.run(sink, n / 5, 2_000);
        note(
            String.format(
                java.util.Locale.ROOT,
                "webhook, twilio: warm-up of %d each, twice, and the sink alone once, first, not in the"
                    + " table (the second round: %.0f/s and %.0f/s)",
                webhook.n(),
                webhook.perSecond(),
                twilio.perSecond()));
      }
      report(ours.send("webhook", n, sink));
      report(SinkLoad.run(sink, n, 2_000));
      report(ours.send("twilio", n, sink));
    }
  }

  /** Runs {@code scenarios}; with {@code -Dbench.profile=true}, prints their top statements. */
  private static void profiled(HikariDataSource admin, Runnable scenarios) {
    boolean profile = Boolean.getBoolean("bench.profile");
    if (profile) {
      Profile.reset(admin);
    }
    scenarios.run();
    if (profile) {
      Profile.topStatements(admin).forEach(System.out::println);
    }
  }

  private BenchResult report(BenchResult result) {
    results.add(result);
    System.out.println(result.line());
    return result;
  }

  private void note(String note) {
    notes.add(note);
    System.out.println("BENCH-NOTE " + note);
  }

  private void write(String pgVersion) {
    StringBuilder table = new StringBuilder();
    table.append(BEGIN).append('\n');
    table
        .append("Run ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" with `")
        .append(settings.command())
        .append("`\n\n");
    table.append("- machine: ").append(Machine.describe()).append('\n');
    table
        .append("- PostgreSQL ")
        .append(pgVersion)
        .append(", Java ")
        .append(Machine.java())
        .append('\n');
    for (String note : notes) {
      table.append("- ").append(note).append('\n');
    }
    table.append(
        "\n| scenario | system | n | seconds | per_s | p50_ms | p99_ms | max_ms | rss_mb | errors | notes |\n");
    table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (BenchResult r : results) {
      table.append("| ").append(r.scenario()).append(" | ").append(r.system());
      for (Object v :
          new Object[] {
            r.n(),
            r.seconds() == null ? null : String.format(java.util.Locale.ROOT, "%.3f", r.seconds()),
            r.perSecond() == null
                ? null
                : String.format(java.util.Locale.ROOT, "%.0f", r.perSecond()),
            r.p50Ms(),
            r.p99Ms(),
            r.maxMs(),
            r.rssMb(),
            r.errors(),
            r.notes()
          }) {
        table.append(" | ").append(v == null ? "" : v);
      }
      table.append(" |\n");
    }
    table.append("\n```\n");
    results.forEach(r -> table.append(r.line()).append('\n'));
    table.append("```\n").append(END).append('\n');
    try {
      Path file = settings.report();
      String existing = Files.exists(file) ? Files.readString(file) : HEADER;
      int begin = existing.indexOf(BEGIN);
      int end = existing.indexOf(END);
      String updated =
          begin >= 0 && end > begin
              ? existing.substring(0, begin) + table + existing.substring(end + END.length() + 1)
              : existing + "\n" + table;
      Files.writeString(file, updated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String BEGIN = "<!-- bench:results:begin (written by the benchmark) -->";
  private static final String END = "<!-- bench:results:end -->";
  private static final String HEADER =
      "# Benchmarks\n\nSee docs/BENCHMARKS-HOWTO.md for what each scenario measures.\n";
}
