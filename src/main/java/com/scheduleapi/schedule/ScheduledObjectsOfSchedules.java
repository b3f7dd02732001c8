package com.scheduleapi.schedule;

import com.scheduleapi.events.ScheduledObjects;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The Scheduled objects the events module shows for final-status events, read when shown. */
@Component
class ScheduledObjectsOfSchedules implements ScheduledObjects {

  private final ScheduleRepository schedules;
  private final ScheduleViews views;
  private final TransactionTemplate transaction;

  ScheduledObjectsOfSchedules(
      ScheduleRepository schedules, ScheduleViews views, TransactionTemplate transaction) {
    this.schedules = schedules;
    this.views = views;
    this.transaction = transaction;
  }

  @Override
  public Map<Long, Object> of(Collection<Long> scheduleIds) {
    return transaction.execute(
        status -> {
          Map<Long, Object> objects = new HashMap<>();
          schedules.findAllById(scheduleIds).forEach(s -> objects.put(s.id(), views.view(s)));
          return objects;
        });
  }
}
