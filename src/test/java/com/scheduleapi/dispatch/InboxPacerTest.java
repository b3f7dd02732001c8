package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pacer driven on simulated time: two nodes share one inbox's budget, each wakes up to its
 * tolerance late and its hand-off threads start a call up to 5 ms after the hand-over. No second
 * may hold more than {@code mps} calls plus one at its edge (CONTRACT §9), and the headroom must
 * not stretch the span past what the pacing benchmark allows (3 %).
 */
class InboxPacerTest {

  private static final Instant START = Instant.parse("2026-11-28T09:00:00Z");

  @Test
  void twoLateNodesWithJitteryThreadsKeepEverySecondAtMpsPlusOne() {
    for (int mps : new int[] {5, 200, 1000}) {
      int n = mps * 20;
      List<Long> calls = run(mps, n, new SplittableRandom(mps));

      assertThat(calls).hasSize(n);
      assertThat(maxInOneSecond(calls)).as("mps=%d", mps).isLessThanOrEqualTo(mps + 1);
      double span = (calls.get(n - 1) - calls.get(0)) / 1e9;
      assertThat(span).as("mps=%d", mps).isLessThan((n - 1) / (double) mps * 1.03);
    }
  }

  @Test
  void spacingIsOneOverMpsWithItsHeadroom() {
    assertThat(InboxPacer.spacing(200)).isEqualTo(Duration.ofNanos(5_075_000));
    assertThat(InboxPacer.spacing(1)).isEqualTo(Duration.ofMillis(1015));
    assertThat(InboxPacer.spacing(1000)).isEqualTo(Duration.ofNanos(1_015_000));
  }

  /** Both nodes' call instants, in nanoseconds since START, sorted. */
  private static List<Long> run(int mps, int n, SplittableRandom random) {
    InboxPacer[] nodes = {new InboxPacer(1), new InboxPacer(1)};
    for (int i = 0; i < n; i++) {
      Instant due = START;
      Claimed claimed = new Claimed(i, i, null, "+15555550100", null, 0, due, null);
      nodes[i % 2].add(Prepared.send(claimed, null), mps);
    }
    long[] wakeAt = {0, 0};
    long nextFree = 0; // the shared budget's next slot (inbox_pace.next_slot)
    long tolerance = InboxPacer.spacing(mps).toNanos() * 9 / 10;
    List<Long> calls = new ArrayList<>();
    while (true) {
      int node = wakeAt[0] <= wakeAt[1] ? 0 : 1;
      if (wakeAt[node] == Long.MAX_VALUE) {
        break;
      }
      long now = wakeAt[node];
      InboxPacer.Step step = nodes[node].next(START.plusNanos(now), null);
      switch (step.kind()) {
        case IDLE -> wakeAt[node] = Long.MAX_VALUE;
        case WAIT -> {
          long at = Duration.between(START, step.at()).toNanos();
          wakeAt[node] = at + random.nextLong(tolerance); // a scheduler that wakes late
        }
        case RESERVE -> {
          long first = Math.max(nextFree, now);
          nextFree = first + step.spacing().toNanos() * step.reserve();
          nodes[node].reserved(START.plusNanos(first), step.reserve(), step.spacing());
          wakeAt[node] = now + 1_000_000; // the budget's round trip
        }
        case HAND_OVER -> {
          step.handOver().forEach(p -> calls.add(now + random.nextLong(5_000_000)));
          wakeAt[node] = now + 20_000;
        }
      }
    }
    calls.sort(null);
    return calls;
  }

  private static int maxInOneSecond(List<Long> sorted) {
    int most = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (sorted.get(end) - sorted.get(start) >= 1_000_000_000L) {
        start++;
      }
      most = Math.max(most, end - start + 1);
    }
    return most;
  }
}
