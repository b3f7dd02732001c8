package com.scheduleapi.events;

import java.util.Collection;
import java.util.Map;

/**
 * The Scheduled objects of schedules, as the API shows them, for events recorded with {@link
 * Events#scheduleFinal}. The schedule module implements it; the events module renders them when an
 * event is read, without knowing where schedules are stored.
 */
public interface ScheduledObjects {

  /** Each schedule's Scheduled object, to be written as JSON; a schedule gone is absent. */
  Map<Long, Object> of(Collection<Long> scheduleIds);
}
