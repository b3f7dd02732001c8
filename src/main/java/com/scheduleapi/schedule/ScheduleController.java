package com.scheduleapi.schedule;

import com.scheduleapi.identity.Caller;
import com.scheduleapi.web.MayConflict;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
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
      operationId = "createSchedule",
      summary = "Create a scheduled message",
      description =
          "execute_at must be at least 15 minutes in the future and must fall on a 15-minute"
              + " interval (:00, :15, :30, or :45). Give exactly one recipient: phone_number,"
              + " targets, conversation_id or list_id. The same local_id with the same body"
              + " answers the first id again.")
  @MayConflict
  @PostMapping("/v1/schedule")
  Schedules.Created create(Caller caller, @RequestBody ScheduleRequest request) {
    return schedules.create(caller.teamId(), request);
  }

  @Operation(
      operationId = "getSchedule",
      summary = "Get a scheduled message",
      description = "The ETag header holds its rev, for If-Match on an update.")
  @GetMapping("/v1/schedule/{id}")
  ResponseEntity<ScheduledView> get(
      Caller caller,
      @Parameter(description = "The id of the scheduled message.") @PathVariable long id) {
    return withEtag(schedules.get(caller.teamId(), id));
  }

  @Operation(
      operationId = "updateSchedule",
      summary = "Update a scheduled message",
      description =
          "Accepts the same body as the create endpoint, while the message is still scheduled.")
  @MayConflict
  @PutMapping("/v1/schedule/{id}")
  ResponseEntity<ScheduledView> update(
      Caller caller,
      @Parameter(description = "The id of the scheduled message.") @PathVariable long id,
      @Parameter(
              description =
                  "The rev this update is based on, as the ETag of the last answer gave it"
                      + " (\"1\"); another rev answers 412.",
              schema = @Schema(type = "string", example = "\"1\""))
          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
          String ifMatch,
      @RequestBody ScheduleRequest request) {
    return withEtag(schedules.update(caller.teamId(), id, ifMatch, request));
  }

  @Operation(
      operationId = "deleteSchedule",
      summary = "Delete a scheduled message",
      description = "Cancels and removes it; answers the JSON string \"ok\".")
  @MayConflict
  @DeleteMapping(path = "/v1/schedule/{id}", produces = "application/json")
  String delete(
      Caller caller,
      @Parameter(description = "The id of the scheduled message.") @PathVariable long id) {
    schedules.delete(caller.teamId(), id);
    return "\"ok\"";
  }

  @Operation(
      operationId = "listSchedules",
      summary = "List scheduled messages",
      description =
          "Ordered by execute, then id; pass next_cursor back as cursor for the next page.",
      parameters = {
        @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            description = "Only messages in this state.",
            schema =
                @Schema(
                    type = "string",
                    allowableValues = {
                      "scheduled",
                      "paused",
                      "sending",
                      "sent",
                      "partially_sent",
                      "failed",
                      "expired"
                    })),
        @Parameter(
            name = "inbox_id",
            in = ParameterIn.QUERY,
            description = "Only messages sent from this inbox.",
            schema = @Schema(type = "integer", format = "int64")),
        @Parameter(
            name = "list_id",
            in = ParameterIn.QUERY,
            description = "Only messages to this contact list.",
            schema = @Schema(type = "integer", format = "int64")),
        @Parameter(
            name = "local_id",
            in = ParameterIn.QUERY,
            description = "Only the message with this local_id.",
            schema = @Schema(type = "string", maxLength = 255)),
        @Parameter(
            name = "from",
            in = ParameterIn.QUERY,
            description = "Only messages executed at or after this instant (RFC 3339).",
            schema = @Schema(type = "string", format = "date-time")),
        @Parameter(
            name = "to",
            in = ParameterIn.QUERY,
            description = "Only messages executed at or before this instant (RFC 3339).",
            schema = @Schema(type = "string", format = "date-time")),
        @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            description = "Page size.",
            schema =
                @Schema(
                    type = "integer",
                    format = "int32",
                    minimum = "1",
                    maximum = "500",
                    defaultValue = "50")),
        @Parameter(
            name = "cursor",
            in = ParameterIn.QUERY,
            description = "The next_cursor of the previous page, as it came.",
            schema = @Schema(type = "string")),
        @Parameter(
            name = "batch_id",
            in = ParameterIn.QUERY,
            description = "Only messages of this batch.",
            schema = @Schema(type = "string", maxLength = 64))
      })
  @GetMapping("/v1/schedules")
  ScheduleSearch.Page list(
      Caller caller, @Parameter(hidden = true) @RequestParam Map<String, String> query) {
    return search.search(caller.teamId(), query);
  }

  @Operation(
      operationId = "listDeliveries",
      summary = "List the deliveries of a scheduled message, one per recipient")
  @GetMapping("/v1/schedule/{id}/deliveries")
  Schedules.DeliveryPage deliveries(
      Caller caller,
      @Parameter(description = "The id of the scheduled message.") @PathVariable long id,
      @Parameter(
              description = "Page size.",
              schema =
                  @Schema(
                      type = "integer",
                      format = "int32",
                      minimum = "1",
                      maximum = "5000",
                      defaultValue = "1000"))
          @RequestParam(required = false)
          String limit,
      @Parameter(description = "The next_cursor of the previous page, as it came.")
          @RequestParam(required = false)
          String cursor) {
    return schedules.deliveries(caller.teamId(), id, limit, cursor);
  }

  private static ResponseEntity<ScheduledView> withEtag(ScheduledView view) {
    return ResponseEntity.ok().eTag(Revisions.etag(view.rev())).body(view);
  }
}
