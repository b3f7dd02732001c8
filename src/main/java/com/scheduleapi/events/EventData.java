package com.scheduleapi.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Fills in the data of events that name their schedule, one lookup for a page or a round. */
@Component
class EventData {

  private final ScheduledObjects schedules;
  private final JsonMapper json;

  EventData(ScheduledObjects schedules, JsonMapper json) {
    this.schedules = schedules;
    this.json = json;
  }

  List<EventView> complete(List<EventView> events) {
    List<Long> ids =
        events.stream()
            .filter(e -> e.data() == null)
            .map(EventView::scheduleId)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    if (ids.isEmpty()) {
      return events;
    }
    Map<Long, Object> objects = schedules.of(ids);
    List<EventView> complete = new ArrayList<>(events.size());
    for (EventView event : events) {
      if (event.data() != null) {
        complete.add(event);
      } else {
        Object scheduled = objects.get(event.scheduleId());
        complete.add(
            event.withData(
                scheduled == null
                    ? "{\"id\":" + event.scheduleId() + "}"
                    : json.writeValueAsString(scheduled)));
      }
    }
    return complete;
  }

  /** The relay's events to call, with the data of those that name their schedule filled in. */
  List<WebhookCalls.Pending> completePending(List<WebhookCalls.Pending> events) {
    List<EventView> views = complete(events.stream().map(WebhookCalls.Pending::event).toList());
    List<WebhookCalls.Pending> complete = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      complete.add(events.get(i).with(views.get(i)));
    }
    return complete;
  }
}
