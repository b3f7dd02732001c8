package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.ScheduleOutcomes;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Closes schedules whose deliveries in the queue are all settled (a list, or a single that was
 * retried): the queue counts them, the schedule module writes the status and counts. Runs in the
 * transaction that settled the deliveries, so a node that dies cannot leave a settled schedule
 * open.
 */
@Component
class Settlement {

  private final DeliveryQueue queue;
  private final ScheduleOutcomes schedules;

  Settlement(DeliveryQueue queue, ScheduleOutcomes schedules) {
    this.queue = queue;
    this.schedules = schedules;
  }

  /**
   * Safe for schedules still in progress (nothing happens) and from several nodes at once: the
   * schedules are locked before their deliveries are counted, so of two writers settling the last
   * deliveries of one list, the second counts what the first committed.
   */
  void finish(Collection<Long> scheduleIds, Instant now) {
    if (scheduleIds.isEmpty()) {
      return;
    }
    List<Long> open = schedules.lockSending(scheduleIds);
    if (!open.isEmpty()) {
      schedules.close(queue.settledTallies(open), now);
    }
  }
}
