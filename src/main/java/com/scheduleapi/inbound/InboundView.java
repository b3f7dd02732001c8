package com.scheduleapi.inbound;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** A message a recipient sent, as another provider reports it. */
@Schema(name = "InboundMessage", description = "A message a recipient sent to one of your inboxes.")
record InboundView(
    @Schema(
            requiredMode = RequiredMode.REQUIRED,
            example = "14155553434",
            description = "Who sent it.")
        String from,
    @Schema(
            requiredMode = RequiredMode.REQUIRED,
            example = "14155550100",
            description = "The inbox number it was sent to.")
        String to,
    @Schema(example = "STOP") String text) {

  @Schema(name = "InboundResult", description = "What the message changed.")
  record Result(
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              allowableValues = {"opted_out", "opted_in", "none"})
          String action) {}
}
