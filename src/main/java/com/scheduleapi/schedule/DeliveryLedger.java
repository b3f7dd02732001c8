package com.scheduleapi.schedule;

import java.time.Instant;
import java.util.List;

/**
 * A schedule's deliveries, as the dispatcher keeps them. The dispatch module owns them and
 * implements this; the schedule module shows them without knowing where they are stored.
 */
public interface DeliveryLedger {

  /** Up to {@code limit} deliveries of a schedule with ids above {@code afterId}, by id. */
  List<Entry> page(long scheduleId, long afterId, int limit);

  /** The counts so far of a schedule being sent. */
  ScheduleOutcomes.Tally liveTally(long scheduleId, boolean list);

  /**
   * One recipient's delivery; {@code status} is its API name, {@code dueAt} its planned instant and
   * {@code timezone} the recipient's zone that decided it.
   */
  record Entry(
      long id,
      String phoneNumber,
      String status,
      int attempts,
      String error,
      Instant sentAt,
      String providerMessageId,
      Instant dueAt,
      String timezone) {}
}
