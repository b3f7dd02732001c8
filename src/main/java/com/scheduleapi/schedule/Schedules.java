package com.scheduleapi.schedule;

import com.scheduleapi.web.Conflict;
import com.scheduleapi.web.PreconditionFailed;
import com.scheduleapi.web.Times;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Create, read, change and cancel schedules of one team. */
@Service
class Schedules {

  private final ScheduleRepository schedules;
  private final ScheduleRules rules;
  private final ScheduleViews views;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final TransactionTemplate transaction;
  private final Clock clock;

  Schedules(
      ScheduleRepository schedules,
      ScheduleRules rules,
      ScheduleViews views,
      JdbcClient jdbc,
      JsonMapper json,
      TransactionTemplate transaction,
      Clock clock) {
    this.schedules = schedules;
    this.rules = rules;
    this.views = views;
    this.jdbc = jdbc;
    this.json = json;
    this.transaction = transaction;
    this.clock = clock;
  }

  /** Answers the new schedule, or the first one made with the same local_id and body. */
  Created create(long teamId, ScheduleRequest request) {
    Optional<Created> repeat = repeatOf(teamId, request);
    if (repeat.isPresent()) {
      return repeat.get();
    }
    ValidSchedule valid = rules.check(teamId, request, clock.instant());
    try {
      return transaction.execute(
          status -> {
            Schedule saved =
                schedules.saveAndFlush(
                    new Schedule(
                        teamId,
                        valid,
                        valid.content().toString(),
                        views.targets(valid.targets()),
                        clock.instant()));
            return new Created(saved.id(), saved.localId());
          });
    } catch (DataIntegrityViolationException e) {
      // Another request with the same local_id won the race.
      return repeatOf(teamId, request).orElseThrow(() -> e);
    }
  }

  private Optional<Created> repeatOf(long teamId, ScheduleRequest request) {
    if (request.localId() == null) {
      return Optional.empty();
    }
    return transaction.execute(
        status ->
            schedules
                .findByLocalId(teamId, request.localId())
                .map(
                    existing -> {
                      if (!existing
                          .requestHash()
                          .equals(RequestHash.of(json.valueToTree(request)))) {
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
                    }));
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
          schedules.delete(schedule);
        });
  }

  List<DeliveryView> deliveries(long teamId, long id) {
    return transaction.execute(
        status -> {
          schedules.findInTeam(teamId, id).orElseThrow(() -> new ScheduleNotFound(id));
          return jdbc.sql(
                  """
                  select recipient, status, attempts, error, sent_at, provider_message_id
                  from delivery where schedule_id = ? order by id
                  """)
              .param(id)
              .query(
                  (rs, n) ->
                      new DeliveryView(
                          rs.getString(1),
                          DeliveryView.STATUSES[rs.getShort(2)],
                          rs.getInt(3),
                          rs.getString(4),
                          Times.utc(
                              rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()),
                          rs.getString(6)))
              .list();
        });
  }

  record Created(long id, String localId) {}
}
