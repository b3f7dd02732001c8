package com.scheduleapi.bench;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark only: {@code GET /bench/handoffs?due=<epoch ms>[&inbox=]} reports lateness, {@code GET
 * /bench/handoffs/raw?inbox=} the instants, POST {@code /bench/handoffs/reset} resets, and {@code
 * POST /bench/sender?type=noop|webhook|twilio&url=} switches the sender.
 */
@RestController
@ConditionalOnProperty("schedule.bench.noop-sender")
class HandOffController {

  private final HandOffRecorder recorder;
  private final BenchSenderConfiguration.SwitchableSender sender;

  HandOffController(HandOffRecorder recorder, BenchSenderConfiguration.SwitchableSender sender) {
    this.recorder = recorder;
    this.sender = sender;
  }

  @GetMapping("/bench/handoffs")
  Map<String, Long> lateness(
      @RequestParam long due, @RequestParam(defaultValue = "-1") long inbox) {
    Latency late = recorder.latenessBehind(due, inbox);
    return Map.of(
        "count", (long) late.count(), "p50", late.p50(), "p99", late.p99(), "max", late.max());
  }

  @GetMapping("/bench/handoffs/raw")
  long[] raw(@RequestParam(defaultValue = "-1") long inbox) {
    return recorder.snapshot(inbox);
  }

  @PostMapping("/bench/handoffs/reset")
  void reset() {
    recorder.reset();
  }

  @PostMapping("/bench/sender")
  void sender(@RequestParam String type, @RequestParam(required = false) URI url) {
    sender.use(type, url);
  }
}
