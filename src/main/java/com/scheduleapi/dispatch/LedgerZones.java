package com.scheduleapi.dispatch;

import com.scheduleapi.directory.SendingHours;
import com.scheduleapi.directory.TimeZones;
import com.scheduleapi.schedule.DeliveryLedger.Entry;
import com.scheduleapi.schedule.DueSchedules;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Names the zone of listed deliveries that were queued without a plan (a list sent at an instant
 * through an inbox without a window, where the zone decided nothing): the zone the contract's order
 * gives the recipient now. A page costs one query for its contacts.
 */
@Component
class LedgerZones {

  private final DueSchedules schedules;
  private final SendingHours hours;

  LedgerZones(DueSchedules schedules, SendingHours hours) {
    this.schedules = schedules;
    this.hours = hours;
  }

  List<Entry> named(long scheduleId, List<Entry> entries) {
    if (entries.stream().allMatch(e -> e.timezone() != null)) {
      return entries;
    }
    DueSchedules.Content content = schedules.contents(List.of(scheduleId)).get(scheduleId);
    if (content == null) {
      return entries;
    }
    ZoneId inbox =
        hours
            .inboxes(List.of(content.inboxId()))
            .getOrDefault(content.inboxId(), SendingHours.InboxHours.NONE)
            .zone();
    ZoneId inboxZone = inbox == null ? TimeZones.UTC : inbox;
    // A group message goes by the inbox's zone.
    Map<String, ZoneId> zones =
        hours.zones(
            content.teamId(),
            entries.stream().map(Entry::phoneNumber).filter(p -> !p.contains(",")).toList(),
            inboxZone);
    return entries.stream()
        .map(
            e ->
                e.timezone() != null
                    ? e
                    : new Entry(
                        e.id(),
                        e.phoneNumber(),
                        e.status(),
                        e.attempts(),
                        e.error(),
                        e.sentAt(),
                        e.providerMessageId(),
                        e.dueAt(),
                        zones.getOrDefault(e.phoneNumber(), inboxZone).getId()))
        .toList();
  }
}
