package com.scheduleapi.schedule;

import com.scheduleapi.identity.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Schedule API of the seed, plus listing and per-recipient deliveries. */
@RestController
class ScheduleController {

  private final Schedules schedules;
  private final ScheduleSearch search;

  ScheduleController(Schedules schedules, ScheduleSearch search) {
    this.schedules = schedules;
    this.search = search;
  }

  @PostMapping("/v1/schedule")
  Schedules.Created create(Caller caller, @RequestBody ScheduleRequest request) {
    return schedules.create(caller.teamId(), request);
  }

  @GetMapping("/v1/schedule/{id}")
  ResponseEntity<ScheduledView> get(Caller caller, @PathVariable long id) {
    return withEtag(schedules.get(caller.teamId(), id));
  }

  @PutMapping("/v1/schedule/{id}")
  ResponseEntity<ScheduledView> update(
      Caller caller,
      @PathVariable long id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody ScheduleRequest request) {
    return withEtag(schedules.update(caller.teamId(), id, ifMatch, request));
  }

  @DeleteMapping(path = "/v1/schedule/{id}", produces = "application/json")
  String delete(Caller caller, @PathVariable long id) {
    schedules.delete(caller.teamId(), id);
    return "\"ok\"";
  }

  @GetMapping("/v1/schedules")
  ScheduleSearch.Page list(Caller caller, @RequestParam Map<String, String> query) {
    return search.search(caller.teamId(), query);
  }

  @GetMapping("/v1/schedule/{id}/deliveries")
  Map<String, List<DeliveryView>> deliveries(Caller caller, @PathVariable long id) {
    return Map.of("items", schedules.deliveries(caller.teamId(), id));
  }

  private static ResponseEntity<ScheduledView> withEtag(ScheduledView view) {
    return ResponseEntity.ok().eTag(Revisions.etag(view.rev())).body(view);
  }
}
