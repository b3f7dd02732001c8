package com.scheduleapi.schedule;

import com.scheduleapi.events.EventType;
import com.scheduleapi.web.Conflict;
import com.scheduleapi.web.FieldChecks;
import com.scheduleapi.web.PreconditionFailed;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Create, read, change and cancel schedules of one team. */
@Service
class Schedules {

  static final int DEFAULT_DELIVERIES = 1000;
  static final int MAX_DELIVERIES = 5000;

  private final ScheduleRepository schedules;
  private final ScheduleWriter writer;
  private final ScheduleRules rules;
  private final ScheduleViews views;
  private final DeliveryLedger ledger;
  private final JsonMapper json;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ScheduleEvents events;

  Schedules(
      ScheduleRepository schedules,
      ScheduleWriter writer,
      ScheduleRules rules,
      ScheduleViews views,
      DeliveryLedger ledger,
      JsonMapper json,
      TransactionTemplate transaction,
      Clock clock,
      ScheduleEvents events) {
    this.schedules = schedules;
    this.writer = writer;
    this.rules = rules;
    this.views = views;
    this.ledger = ledger;
    this.json = json;
    this.transaction = transaction;
    this.clock = clock;
    this.events = events;
  }

  /** Answers the new schedule, or the first one made with the same local_id and body. */
  Created create(long teamId, ScheduleRequest request) {
    // No transaction around the checks: the insert is one statement, and a local_id taken between
    // the check and the insert makes the insert do nothing, which leads back to the check.
    for (int attempt = 0; ; attempt++) {
      Optional<Created> repeat = repeatOf(teamId, request);
      if (repeat.isPresent()) {
        return repeat.get();
      }
      ValidSchedule valid = rules.check(teamId, request, clock.instant());
      Optional<Long> id =
          writer.insert(
              new ScheduleWriter.NewSchedule(
                  teamId,
                  valid,
                  valid.content().toString(),
                  views.targets(valid.targets()),
                  clock.instant()));
      if (id.isPresent()) {
        return new Created(id.get(), valid.localId());
      }
      if (attempt == 2) {
        // Schedules with this local_id keep being made and cancelled under us.
        throw new Conflict(
            "local_id '" + request.localId() + "' is being used by another request; try again");
      }
    }
  }

  private Optional<Created> repeatOf(long teamId, ScheduleRequest request) {
    if (request.localId() == null) {
      return Optional.empty();
    }
    return schedules
        .findByLocalId(teamId, request.localId())
        .map(
            existing -> {
              if (!existing.requestHash().equals(RequestHash.of(json.valueToTree(request)))) {
                throw new Conflict(
                    "local_id '"
                        + request.localId()
                        + "' belongs to schedule "
                        + existing.id()
                        + ", made with a different body; use a new local_id or PUT"
                        + " /v1/schedule/"
                        + existing.id());
              }
              return new Created(existing.id(), existing.localId());
            });
  }

  ScheduledView get(long teamId, long id) {
    return transaction.execute(
        status ->
            views.view(
                schedules.findInTeam(teamId, id).orElseThrow(() -> new ScheduleNotFound(id))));
  }

  ScheduledView update(long teamId, long id, String ifMatch, ScheduleRequest request) {
    try {
      return transaction.execute(
          status -> {
            Schedule schedule =
                schedules.lockInTeam(teamId, id).orElseThrow(() -> new ScheduleNotFound(id));
            if (ifMatch != null && !Revisions.matches(ifMatch, schedule.rev())) {
              throw new PreconditionFailed(
                  "If-Match "
                      + ifMatch
                      + " is not the current revision \""
                      + schedule.rev()
                      + "\"; GET the schedule and try again.");
            }
            schedule.requireScheduled("changed");
            if (request.localId() != null && !request.localId().equals(schedule.localId())) {
              schedules
                  .findByLocalId(teamId, request.localId())
                  .ifPresent(
                      other -> {
                        throw new Conflict(
                            "local_id '"
                                + request.localId()
                                + "' belongs to schedule "
                                + other.id());
                      });
            }
            ValidSchedule valid = rules.check(teamId, request, clock.instant());
            schedule.replace(
                valid, valid.content().toString(), views.targets(valid.targets()), clock.instant());
            schedules.flush();
            events.changed(EventType.SCHEDULE_UPDATED, List.of(schedule));
            return views.view(schedule);
          });
    } catch (DataIntegrityViolationException e) {
      throw new Conflict("local_id '" + request.localId() + "' belongs to another schedule.");
    }
  }

  void delete(long teamId, long id) {
    transaction.executeWithoutResult(
        status -> {
          Schedule schedule =
              schedules.lockInTeam(teamId, id).orElseThrow(() -> new ScheduleNotFound(id));
          schedule.requireScheduled("cancelled");
          events.changed(EventType.SCHEDULE_CANCELED, List.of(schedule));
          schedules.delete(schedule);
        });
  }

  /** A page of a schedule's deliveries in the order they were written; a list may have many. */
  DeliveryPage deliveries(long teamId, long id, String limit, String cursor) {
    FieldChecks checks = new FieldChecks();
    long size = parse(limit, DEFAULT_DELIVERIES, "limit", checks);
    if (size < 1 || size > MAX_DELIVERIES) {
      checks.reject("limit", "must be between 1 and " + MAX_DELIVERIES);
    }
    long after = parse(cursor, 0, "cursor", checks);
    checks.throwIfAny();
    return transaction.execute(
        status -> {
          schedules.findInTeam(teamId, id).orElseThrow(() -> new ScheduleNotFound(id));
          List<DeliveryLedger.Entry> rows = ledger.page(id, after, (int) size + 1);
          boolean more = rows.size() > size;
          List<DeliveryLedger.Entry> page = more ? rows.subList(0, (int) size) : rows;
          return new DeliveryPage(
              page.stream().map(DeliveryView::of).toList(),
              more ? Long.toString(page.get(page.size() - 1).id()) : null);
        });
  }

  private static long parse(String value, long fallback, String field, FieldChecks checks) {
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      checks.reject(field, "must be an integer");
      return fallback;
    }
  }

  /** Deliveries and where the next page starts (null on the last page). */
  record DeliveryPage(List<DeliveryView> items, String nextCursor) {}

  record Created(long id, String localId) {}
}
