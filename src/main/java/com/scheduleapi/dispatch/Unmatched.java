package com.scheduleapi.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Receipts that found no delivery yet, because the provider called back before the sent outcome was
 * written: tried again once a second for a while, at most so many (the oldest go first). Only the
 * receipts' writing thread uses it.
 */
final class Unmatched {

  private static final long RETRY_EVERY = Duration.ofSeconds(1).toNanos();

  private final Map<String, Held> held = new LinkedHashMap<>();
  private final long holdNanos;
  private final int atMost;
  private long lastRetry = System.nanoTime();

  Unmatched(Duration hold, int atMost) {
    this.holdNanos = hold.toNanos();
    this.atMost = atMost;
  }

  void hold(Receipt receipt) {
    held.putIfAbsent(receipt.providerMessageId(), new Held(receipt, System.nanoTime()));
    if (held.size() > atMost) {
      held.remove(held.keySet().iterator().next());
    }
  }

  /** Those to try again now, about once a second; they stay held until {@link #settled}. */
  List<Receipt> due() {
    long now = System.nanoTime();
    if (held.isEmpty() || now - lastRetry < RETRY_EVERY) {
      return List.of();
    }
    lastRetry = now;
    held.values().removeIf(h -> now - h.since() > holdNanos);
    return held.values().stream().map(Held::receipt).toList();
  }

  /** Lets go of those whose message a write just found. */
  void settled(Collection<String> providerMessageIds) {
    if (!held.isEmpty()) {
      held.keySet().removeAll(providerMessageIds);
    }
  }

  private record Held(Receipt receipt, long since) {}
}
