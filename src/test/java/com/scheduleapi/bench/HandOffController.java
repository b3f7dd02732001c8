package com.scheduleapi.bench;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Benchmark only: {@code GET /bench/handoffs?due=<epoch ms>} reports lateness; POST resets. */
@RestController
@ConditionalOnProperty("schedule.bench.noop-sender")
class HandOffController {

  private final HandOffRecorder recorder;

  HandOffController(HandOffRecorder recorder) {
    this.recorder = recorder;
  }

  @GetMapping("/bench/handoffs")
  Map<String, Long> lateness(@RequestParam long due) {
    Latency late = recorder.latenessBehind(due);
    return Map.of(
        "count", (long) late.count(), "p50", late.p50(), "p99", late.p99(), "max", late.max());
  }

  @PostMapping("/bench/handoffs/reset")
  void reset() {
    recorder.reset();
  }
}
