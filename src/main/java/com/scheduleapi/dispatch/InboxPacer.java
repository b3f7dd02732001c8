package com.scheduleapi.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One paced (or slowed-down) inbox on this node: its deliveries waiting in due order, and the send
 * slots this node has reserved from the inbox's shared budget. A slot is used within nine tenths of
 * the spacing after its instant or not at all, so that hand-offs of all nodes together stay at most
 * {@code mps} in any second (one more at a window's edge), however late a node wakes.
 *
 * <p>Slots are {@link #HEADROOM_PERMILLE} per mille further apart than {@code 1 / mps}: a hand-off
 * thread that starts a call a few milliseconds after its slot (two busy cores) would otherwise
 * crowd two calls into the next second. At 200 a second this is 197 a second, about 0.75 s more
 * over 10,000 messages.
 */
final class InboxPacer {

  /** How much slower than {@code mps} slots are laid out, in thousandths. */
  static final long HEADROOM_PERMILLE = 15;

  private static final Comparator<Prepared> DUE_ORDER =
      Comparator.comparing((Prepared p) -> p.claimed().due())
          .thenComparingLong(p -> p.claimed().scheduleId())
          .thenComparingLong(p -> p.claimed().deliveryId());

  private final long inboxId;
  private final PriorityQueue<Prepared> waiting = new PriorityQueue<>(DUE_ORDER);
  private final ArrayDeque<Instant> slots = new ArrayDeque<>();
  private Integer mps;
  private boolean scheduled;

  InboxPacer(long inboxId) {
    this.inboxId = inboxId;
  }

  long inboxId() {
    return inboxId;
  }

  synchronized Integer mps() {
    return mps;
  }

  /** Queues a delivery; answers whether the caller must schedule a tick (none is pending). */
  synchronized boolean add(Prepared prepared, Integer mps) {
    waiting.add(prepared);
    this.mps = mps;
    if (scheduled) {
      return false;
    }
    scheduled = true;
    return true;
  }

  synchronized int waiting() {
    return waiting.size();
  }

  synchronized boolean idle() {
    return !scheduled && waiting.isEmpty();
  }

  /** Takes every waiting delivery out (the node stops). */
  synchronized List<Prepared> drain() {
    List<Prepared> all = new ArrayList<>(waiting);
    waiting.clear();
    slots.clear();
    return all;
  }

  /** What to do now: hand over, wait until an instant, reserve slots, or nothing (idle). */
  synchronized Step next(Instant now, Instant pausedUntil) {
    if (waiting.isEmpty()) {
      scheduled = false;
      return Step.IDLE;
    }
    if (pausedUntil != null && pausedUntil.isAfter(now)) {
      return Step.waitUntil(pausedUntil);
    }
    if (mps == null) {
      List<Prepared> all = new ArrayList<>(waiting);
      waiting.clear();
      return Step.handOver(all);
    }
    Duration tolerance = spacing().multipliedBy(9).dividedBy(10);
    while (!slots.isEmpty() && !now.isBefore(slots.peek().plus(tolerance))) {
      slots.poll(); // missed: a later hand-off could crowd the next node's slots
    }
    int wanted = Math.min(waiting.size(), block());
    if (slots.size() < Math.min(waiting.size(), block() / 2 + 1)) {
      return Step.reserve(wanted - Math.min(slots.size(), wanted), spacing());
    }
    Instant slot = slots.peek();
    if (now.isBefore(slot)) {
      return Step.waitUntil(slot);
    }
    slots.poll();
    return Step.handOver(List.of(waiting.poll()));
  }

  /** Adds slots reserved from the shared budget. */
  synchronized void reserved(Instant first, int count, Duration spacing) {
    for (int i = 0; i < count; i++) {
      slots.add(first.plus(spacing.multipliedBy(i)));
    }
  }

  /** Slots reserved at once: a fifth of a second of sending, so one row write per block. */
  private int block() {
    return Math.max(1, mps / 5);
  }

  private Duration spacing() {
    return spacing(mps);
  }

  /** The time between two slots of an inbox at {@code mps}. */
  static Duration spacing(int mps) {
    long nanos = 1_000_000L * (1000 + HEADROOM_PERMILLE);
    return Duration.ofNanos((nanos + mps - 1) / mps);
  }

  /** A pacer's next move. */
  record Step(Kind kind, Instant at, List<Prepared> handOver, int reserve, Duration spacing) {

    static final Step IDLE = new Step(Kind.IDLE, null, List.of(), 0, null);

    static Step waitUntil(Instant at) {
      return new Step(Kind.WAIT, at, List.of(), 0, null);
    }

    static Step handOver(List<Prepared> prepared) {
      return new Step(Kind.HAND_OVER, null, prepared, 0, null);
    }

    static Step reserve(int count, Duration spacing) {
      return new Step(Kind.RESERVE, null, List.of(), count, spacing);
    }

    enum Kind {
      IDLE,
      WAIT,
      HAND_OVER,
      RESERVE
    }
  }
}
