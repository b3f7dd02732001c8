package com.scheduleapi.dispatch;

import com.scheduleapi.schedule.DueSchedules;
import com.scheduleapi.schedule.ScheduleOutcomes;
import com.scheduleapi.sms.SmsSender;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A group message for a sender that cannot send one ({@link SmsSender#sendsGroups}: Twilio) goes as
 * one delivery per phone, in the queue like a list's phones: each phone has its own lease, outcome,
 * retries (a retry goes only to the phones not yet sent) and receipt. Done when the group is
 * claimed, in the claiming transaction; other senders keep a group as one delivery.
 */
@Component
class GroupFanOut {

  private final boolean splitGroups;
  private final ScheduleOutcomes outcomes;
  private final JdbcClient jdbc;

  GroupFanOut(SmsSender sender, ScheduleOutcomes outcomes, JdbcClient jdbc) {
    this.splitGroups = !sender.sendsGroups();
    this.outcomes = outcomes;
    this.jdbc = jdbc;
  }

  /** Whether this claimed single is a group to send phone by phone. */
  boolean splits(DueSchedules.Claimed single) {
    // A group's recipient is its phones (2 to 10) joined by commas; a phone's has none.
    return splitGroups && single.phoneNumber() == null && single.recipient().indexOf(',') > 0;
  }

  /**
   * Moves these groups, just claimed by {@code node}, into the queue, one pending delivery per
   * phone due at the group's instant; answers how many deliveries it queued.
   */
  int queue(List<DueSchedules.Claimed> groups, String node, Instant now) {
    if (groups.isEmpty()) {
      return 0;
    }
    Map<Long, DueSchedules.Claimed> byId =
        groups.stream().collect(Collectors.toMap(DueSchedules.Claimed::id, Function.identity()));
    List<ScheduleOutcomes.Moved> moved =
        outcomes.moveOut(groups.stream().map(DueSchedules.Claimed::id).toList(), node, now);
    if (moved.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            DeliveryStatus.sql(
                """
                insert into delivery (schedule_id, recipient, idempotency_key, status, due_at)
                select u.schedule_id, p.phone, gen_random_uuid(), {delivery.pending},
                       u.due::timestamptz
                from unnest(:schedules::bigint[], :recipients::text[], :due::text[])
                     as u(schedule_id, recipients, due)
                cross join lateral unnest(string_to_array(u.recipients, ','))
                     with ordinality as p(phone, n)
                order by u.schedule_id, p.n
                """))
        .param("schedules", moved.stream().mapToLong(ScheduleOutcomes.Moved::scheduleId).toArray())
        .param(
            "recipients",
            moved.stream().map(ScheduleOutcomes.Moved::recipient).toArray(String[]::new))
        .param(
            "due",
            moved.stream()
                .map(m -> byId.get(m.scheduleId()).due().toString())
                .toArray(String[]::new))
        .update();
  }
}
