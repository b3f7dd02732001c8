package com.scheduleapi.schedule;

import com.scheduleapi.web.Conflict;

/** The dispatcher has claimed the schedule: it can no longer be changed or cancelled. */
class ScheduleAlreadyDispatched extends Conflict {

  ScheduleAlreadyDispatched(Long id, ScheduleStatus status, String change) {
    super(
        "Schedule "
            + id
            + " is "
            + status.apiName()
            + " and can no longer be "
            + change
            + "; only a schedule that is still 'scheduled' can.");
  }
}
