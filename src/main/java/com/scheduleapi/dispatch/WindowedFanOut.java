package com.scheduleapi.dispatch;

import com.scheduleapi.directory.SendPlan;
import com.scheduleapi.directory.SendingHours;
import com.scheduleapi.directory.TimeZones;
import com.scheduleapi.schedule.DueSchedules;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fans lists out with each phone planned in its own zone (CONTRACT §8): held by the inbox's send
 * window, due at the local time, or expired at once. A list whose inbox has no window, sent at an
 * instant, needs no plan: it goes through the queue's one-statement fan-out, as fast as before.
 */
@Component
class WindowedFanOut {

  private final DeliveryQueue queue;
  private final DueSchedules schedules;
  private final SendingHours hours;
  private final JdbcClient jdbc;

  WindowedFanOut(DeliveryQueue queue, DueSchedules schedules, SendingHours hours, JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.schedules = schedules;
    this.hours = hours;
  }

  /** Queues the phones of these claimed lists, fanned out at {@code now}. */
  DeliveryQueue.Fanned queue(List<DueSchedules.Claimed> lists, Instant now) {
    if (lists.isEmpty()) {
      return new DeliveryQueue.Fanned(0, 0);
    }
    Map<Long, DueSchedules.Content> contents =
        schedules.contents(lists.stream().map(DueSchedules.Claimed::id).toList());
    Map<Long, SendingHours.InboxHours> inboxes =
        hours.inboxes(contents.values().stream().map(DueSchedules.Content::inboxId).toList());
    List<DueSchedules.Claimed> plain = new ArrayList<>();
    int deliveries = 0;
    int skipped = 0;
    for (DueSchedules.Claimed list : lists) {
      DueSchedules.Content content = contents.get(list.id());
      SendingHours.InboxHours inbox =
          content == null
              ? SendingHours.InboxHours.NONE
              : inboxes.getOrDefault(content.inboxId(), SendingHours.InboxHours.NONE);
      if (content == null || (inbox.window() == null && content.timing().localTime() == null)) {
        plain.add(list);
        continue;
      }
      List<Planned> planned = plan(list, content, inbox, now);
      insert(list.id(), planned);
      deliveries += planned.size();
      skipped += (int) planned.stream().filter(p -> p.status() == DeliveryStatus.SKIPPED).count();
    }
    DeliveryQueue.Fanned fast = queue.queue(plain);
    return new DeliveryQueue.Fanned(fast.deliveries() + deliveries, fast.skipped() + skipped);
  }

  private List<Planned> plan(
      DueSchedules.Claimed list,
      DueSchedules.Content content,
      SendingHours.InboxHours inbox,
      Instant now) {
    DueSchedules.Timing timing = content.timing();
    SendPlan plan =
        new SendPlan(timing.executeAt(), timing.localTime(), timing.sendPast(), inbox.window());
    ZoneId inboxZone = inbox.zone() == null ? TimeZones.UTC : inbox.zone();
    List<SendingHours.Member> members = hours.members(list.teamId(), list.listId(), inboxZone);
    List<Planned> planned = new ArrayList<>(members.size());
    // A plan depends only on the zone: a list over a few zones is planned a few times.
    Map<ZoneId, SendPlan.Due> byZone = new HashMap<>();
    for (SendingHours.Member member : members) {
      SendPlan.Due due = byZone.computeIfAbsent(member.zone(), zone -> plan.plan(zone, now));
      planned.add(planned(member, due, timing.expireAt()));
    }
    return planned;
  }

  /** Opted out: skipped; a passed local time, or a plan past the expiry: expired at once. */
  private static Planned planned(SendingHours.Member member, SendPlan.Due due, Instant expireAt) {
    if (member.optedOut()) {
      return new Planned(member.phone(), DeliveryStatus.SKIPPED, due, "opted out");
    }
    if (due.missed()) {
      return new Planned(member.phone(), DeliveryStatus.EXPIRED, due, Expiry.MISSED);
    }
    if (expireAt != null && !due.at().isBefore(expireAt)) {
      return new Planned(member.phone(), DeliveryStatus.EXPIRED, due, Expiry.ERROR);
    }
    return new Planned(member.phone(), DeliveryStatus.PENDING, due, null);
  }

  /** Queues a list's phones each planned in its zone: one statement for the whole list. */
  private void insert(long scheduleId, List<Planned> phones) {
    if (phones.isEmpty()) {
      return;
    }
    jdbc.sql(
            DeliveryStatus.sql(
                """
                insert into delivery (schedule_id, recipient, idempotency_key, status, error,
                                      due_at, timezone)
                select :schedule, u.phone, gen_random_uuid(), u.status,
                       u.error, u.due::timestamptz, u.zone
                from unnest(:phones::text[], :statuses::smallint[], :errors::text[],
                            :due::text[], :zones::text[])
                     as u(phone, status, error, due, zone)
                """))
        .param("schedule", scheduleId)
        .param("phones", phones.stream().map(Planned::phone).toArray(String[]::new))
        .param("statuses", phones.stream().mapToInt(p -> p.status().code()).toArray())
        .param("errors", phones.stream().map(Planned::error).toArray(String[]::new))
        .param("due", phones.stream().map(p -> p.due().at().toString()).toArray(String[]::new))
        .param("zones", phones.stream().map(p -> p.due().zone().getId()).toArray(String[]::new))
        .update();
  }

  /** A list's phone as planned: pending, or at once skipped (opted out) or expired, and why. */
  record Planned(String phone, DeliveryStatus status, SendPlan.Due due, String error) {}
}
