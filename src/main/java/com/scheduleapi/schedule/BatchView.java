package com.scheduleapi.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** A batch's schedules counted by status. */
@Schema(name = "Batch", description = "The schedules of a batch, counted by status.")
record BatchView(
    String batchId,
    @Schema(description = "How many schedules have this batch_id.") int schedules,
    @Schema(description = "How many are in each status (statuses with none are left out).")
        Map<String, Integer> byStatus) {

  @Schema(name = "BatchResult", description = "What a pause, resume or cancel of a batch did.")
  record Result(
      String batchId,
      @Schema(description = "How many schedules have this batch_id.") int matched,
      @Schema(description = "How many of them it changed (those in a state where it applies).")
          int changed) {}
}
