package com.scheduleapi.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Deliveries of one inbox due at one instant, held in {@link HandOff}'s ready queue until then. Of
 * batches due at one instant, the one whose inbox had fewer deliveries queued ahead of it goes
 * first, then the one offered first.
 */
record ReadyBatch(
    Instant due, long inbox, int ahead, long seq, List<Prepared> prepared, Clock clock)
    implements Delayed {

  @Override
  public long getDelay(TimeUnit unit) {
    return unit.convert(Duration.between(clock.instant(), due));
  }

  @Override
  public int compareTo(Delayed other) {
    ReadyBatch that = (ReadyBatch) other;
    int byDue = due.compareTo(that.due);
    if (byDue != 0) {
      return byDue;
    }
    return ahead != that.ahead ? Integer.compare(ahead, that.ahead) : Long.compare(seq, that.seq);
  }
}
