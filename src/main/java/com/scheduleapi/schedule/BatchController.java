package com.scheduleapi.schedule;

import com.scheduleapi.identity.Caller;
import com.scheduleapi.web.MayConflict;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pause and resume of a schedule, and of every schedule of a batch (CONTRACT §11). */
@RestController
class BatchController {

  private final ScheduleControl control;

  BatchController(ScheduleControl control) {
    this.control = control;
  }

  @Operation(
      operationId = "pauseSchedule",
      summary = "Pause a scheduled message",
      description =
          "A paused message is not sent until resumed; PUT still changes it. Pausing one that is"
              + " sending or done answers 409; pausing a paused one changes nothing.")
  @MayConflict
  @PostMapping("/v1/schedule/{id}/pause")
  ScheduledView pause(
      Caller caller,
      @Parameter(description = "The id of the scheduled message.") @PathVariable long id) {
    return control.pause(caller.teamId(), id);
  }

  @Operation(
      operationId = "resumeSchedule",
      summary = "Resume a paused message",
      description = "Resumed after its time, it is sent at once.")
  @MayConflict
  @PostMapping("/v1/schedule/{id}/resume")
  ScheduledView resume(
      Caller caller,
      @Parameter(description = "The id of the scheduled message.") @PathVariable long id) {
    return control.resume(caller.teamId(), id);
  }

  @Operation(
      operationId = "pauseBatch",
      summary = "Pause every scheduled message of a batch",
      description = "Messages already sending or done are counted in matched, not changed.")
  @PostMapping("/v1/batches/{batchId}/pause")
  BatchView.Result pauseBatch(Caller caller, @PathVariable String batchId) {
    return control.batch(caller.teamId(), batchId, ScheduleControl.BatchChange.PAUSE);
  }

  @Operation(operationId = "resumeBatch", summary = "Resume every paused message of a batch")
  @PostMapping("/v1/batches/{batchId}/resume")
  BatchView.Result resumeBatch(Caller caller, @PathVariable String batchId) {
    return control.batch(caller.teamId(), batchId, ScheduleControl.BatchChange.RESUME);
  }

  @Operation(
      operationId = "cancelBatch",
      summary = "Cancel every message of a batch not yet sending",
      description = "Each is deleted as DELETE /v1/schedule/{id} does: GET answers 404 after.")
  @PostMapping("/v1/batches/{batchId}/cancel")
  BatchView.Result cancelBatch(Caller caller, @PathVariable String batchId) {
    return control.batch(caller.teamId(), batchId, ScheduleControl.BatchChange.CANCEL);
  }

  @Operation(operationId = "getBatch", summary = "Count a batch's messages by status")
  @GetMapping("/v1/batches/{batchId}")
  BatchView get(Caller caller, @PathVariable String batchId) {
    return control.counts(caller.teamId(), batchId);
  }
}
