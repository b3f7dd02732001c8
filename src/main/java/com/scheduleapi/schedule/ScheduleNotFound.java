package com.scheduleapi.schedule;

import com.scheduleapi.web.NotFound;

/** No schedule with this id in the caller's team. */
class ScheduleNotFound extends NotFound {

  ScheduleNotFound(long id) {
    super("schedule", id);
  }
}
