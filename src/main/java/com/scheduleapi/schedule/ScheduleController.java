package com.scheduleapi.schedule;

import com.scheduleapi.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
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

  @Operation(
      summary = "Create a scheduled message",
      description =
          "execute_at must be at least 15 minutes in the future and must fall on a 15-minute"
              + " interval (:00, :15, :30, or :45).")
  @PostMapping("/v1/schedule")
  Schedules.Created create(Caller caller, @RequestBody ScheduleRequest request) {
    return schedules.create(caller.teamId(), request);
  }

  @Operation(summary = "Get a scheduled message")
  @GetMapping("/v1/schedule/{id}")
  ResponseEntity<ScheduledView> get(Caller caller, @PathVariable long id) {
    return withEtag(schedules.get(caller.teamId(), id));
  }

  @Operation(
      summary = "Update a scheduled message",
      description =
          "Accepts the same body as the create endpoint, while the message is still scheduled.")
  @PutMapping("/v1/schedule/{id}")
  ResponseEntity<ScheduledView> update(
      Caller caller,
      @PathVariable long id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody ScheduleRequest request) {
    return withEtag(schedules.update(caller.teamId(), id, ifMatch, request));
  }

  @Operation(summary = "Delete a scheduled message", description = "Answers the string \"ok\".")
  @DeleteMapping(path = "/v1/schedule/{id}", produces = "application/json")
  String delete(Caller caller, @PathVariable long id) {
    schedules.delete(caller.teamId(), id);
    return "\"ok\"";
  }

  @Operation(
      summary = "List scheduled messages",
      description =
          "Ordered by execute, then id; pass next_cursor back as cursor for the next page.",
      parameters = {
        @Parameter(name = "status", in = ParameterIn.QUERY),
        @Parameter(name = "inbox_id", in = ParameterIn.QUERY),
        @Parameter(name = "list_id", in = ParameterIn.QUERY),
        @Parameter(name = "local_id", in = ParameterIn.QUERY),
        @Parameter(name = "from", in = ParameterIn.QUERY, description = "RFC 3339, inclusive"),
        @Parameter(name = "to", in = ParameterIn.QUERY, description = "RFC 3339, inclusive"),
        @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            description = "50 unless given, at most 500"),
        @Parameter(name = "cursor", in = ParameterIn.QUERY)
      })
  @GetMapping("/v1/schedules")
  ScheduleSearch.Page list(
      Caller caller, @Parameter(hidden = true) @RequestParam Map<String, String> query) {
    return search.search(caller.teamId(), query);
  }

  @Operation(summary = "List the deliveries of a scheduled message, one per recipient")
  @GetMapping("/v1/schedule/{id}/deliveries")
  Schedules.DeliveryPage deliveries(
      Caller caller,
      @PathVariable long id,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor) {
    return schedules.deliveries(caller.teamId(), id, limit, cursor);
  }

  private static ResponseEntity<ScheduledView> withEtag(ScheduledView view) {
    return ResponseEntity.ok().eTag(Revisions.etag(view.rev())).body(view);
  }
}
