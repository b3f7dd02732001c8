package com.scheduleapi.schedule;

import com.scheduleapi.events.EventType;
import com.scheduleapi.events.Events;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The schedule module's events, recorded in the transaction of the change they report: a change by
 * the API (created, updated, canceled, paused, resumed), a schedule reaching its final status, and
 * the delivery of a single, which lives on its schedule row.
 */
@Component
class ScheduleEvents {

  private final Events events;
  // Lazily: the views show live counts through the dispatcher's ledger, which settles through
  // this module's outcomes, which record events here.
  private final ObjectProvider<ScheduleViews> views;
  private final ScheduleRepository schedules;

  ScheduleEvents(Events events, ObjectProvider<ScheduleViews> views, ScheduleRepository schedules) {
    this.events = events;
    this.views = views;
    this.schedules = schedules;
  }

  void changed(EventType type, Collection<Schedule> changed) {
    events.record(
        changed.stream()
            .map(s -> events.schedule(s.teamId(), type, views.getObject().view(s)))
            .toList());
  }

  /** Loads the rows changed by SQL in this transaction and records their event. */
  void changed(EventType type, List<Long> ids) {
    if (!ids.isEmpty()) {
      changed(type, schedules.findAllById(ids));
    }
  }

  /**
   * Schedules that reached a final status, each with the event of its status. The Scheduled object
   * no longer changes, so it is rendered when the event is read, not in this transaction.
   */
  void settled(List<Final> settled) {
    events.record(settled.stream().flatMap(this::finalEvent).toList());
  }

  private Stream<Events.NewEvent> finalEvent(Final settled) {
    return EventType.ofSchedule(settled.status().apiName())
        .map(type -> events.scheduleFinal(settled.teamId(), type, settled.scheduleId()))
        .stream();
  }

  /** A schedule that reached a final status. */
  record Final(long scheduleId, long teamId, ScheduleStatus status) {}

  /** Singles settled on their rows: each delivery's event, then its schedule's. */
  void settledSingles(List<Settled> singles) {
    events.record(
        Stream.concat(
                singles.stream()
                    .flatMap(
                        single -> events.delivery(single.teamId(), single.delivery()).stream()),
                singles.stream().map(Settled::asFinal).flatMap(this::finalEvent))
            .toList());
  }

  /** A single's delivery as its settled row shows it. */
  record Settled(long teamId, Events.DeliveryData delivery, ScheduleStatus status) {

    Final asFinal() {
      return new Final(delivery.scheduleId(), teamId, status);
    }

    /** From the settle statement's answer (see {@link ScheduleOutcomes#settle}) and the outcome. */
    static Settled of(ResultSet rs, ScheduleOutcomes.Settled settled) throws SQLException {
      ScheduleOutcomes.Tally tally = settled.tally();
      return new Settled(
          rs.getLong(2),
          new Events.DeliveryData(
              settled.scheduleId(),
              rs.getString(3),
              rs.getString(4),
              rs.getLong(5),
              rs.getString(7),
              tally.sent() > 0 ? "sent" : tally.skipped() > 0 ? "skipped" : "failed",
              rs.getInt(6),
              settled.error(),
              settled.sentAt(),
              settled.providerId()),
          tally.status());
    }
  }
}
