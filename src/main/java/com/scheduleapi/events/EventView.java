package com.scheduleapi.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** An event as the log and the webhooks show it. */
@Schema(name = "Event", description = "Something that happened to a schedule or a delivery.")
record EventView(
    @Schema(
            requiredMode = RequiredMode.REQUIRED,
            example = "evt_42",
            description = "Its id; the" + " webhook-id header of its webhook calls.")
        String id,
    @Schema(requiredMode = RequiredMode.REQUIRED, ref = "#/components/schemas/EventType")
        String type,
    @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
    @Schema(requiredMode = RequiredMode.REQUIRED, ref = "#/components/schemas/EventData")
        @JsonRawValue
        String data,
    @JsonIgnore @Schema(hidden = true) Long scheduleId) {

  EventView withData(String json) {
    return new EventView(id, type, createdAt, json, scheduleId);
  }

  /** The body of a webhook call: the event as JSON, exactly as the log shows it. */
  String json() {
    return "{\"id\":\""
        + id
        + "\",\"type\":\""
        + type
        + "\",\"created_at\":\""
        + createdAt
        + "\",\"data\":"
        + data
        + "}";
  }

  @Schema(name = "EventPage", description = "Events oldest first.")
  record Page(
      List<EventView> items,
      @Schema(
              description =
                  "Pass it as after for the next page; null on the last page (then pass the last"
                      + " event's id to wait for newer ones).")
          String nextCursor) {}
}
