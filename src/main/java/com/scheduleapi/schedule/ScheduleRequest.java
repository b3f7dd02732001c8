package com.scheduleapi.schedule;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST} and {@code PUT /v1/schedule}, as the seed defines it. Loose parts
 * (content, targets) stay JSON so that the rules can name exactly what is wrong in them.
 */
@Schema(
    description =
        "A message to send later. Give exactly one recipient: phone_number (or content.to),"
            + " targets, conversation_id or list_id. Unknown fields are ignored.")
record ScheduleRequest(
    @Schema(requiredMode = RequiredMode.REQUIRED, description = "The inbox to send from.")
        Long inboxId,
    @Schema(
            format = "date-time",
            example = "2024-07-24T11:30:00-07:00",
            description =
                "When to send: RFC 3339 with seconds and an offset (Z or ±hh:mm), no fraction."
                    + " At least 15 minutes in the future and on a quarter hour (:00, :15, :30 or"
                    + " :45), at most 365 days ahead. Required unless local_time is given.")
        String executeAt,
    @Schema(requiredMode = RequiredMode.REQUIRED, ref = "#/components/schemas/ScheduledContent")
        JsonNode content,
    @Schema(description = "One recipient.") String phoneNumber,
    @ArraySchema(
            schema = @Schema(ref = "#/components/schemas/Target"),
            minItems = 2,
            maxItems = 10,
            arraySchema = @Schema(description = "2 to 10 phones: one group MMS."))
        JsonNode targets,
    @Schema(description = "Send into this existing conversation.") Long conversationId,
    @Schema(description = "Send to every phone of this contact list, read at send time.")
        Long listId,
    @Schema(
            maxLength = 255,
            description =
                "Your id for this message, unique in the team: sending the same body again"
                    + " answers the first id; another body with it answers 409.")
        String localId,
    @Schema(description = "The team member to send as; the team owner if omitted.") Long userId,
    // Send windows (CONTRACT §8).
    @Schema(
            format = "date-time",
            example = "2024-07-24T20:00:00-07:00",
            description =
                "Nothing is handed to the sender after this instant (RFC 3339, after execute_at);"
                    + " what is left is expired.")
        String expireAt,
    @Schema(
            example = "2026-12-01T09:00:00",
            description =
                "Instead of execute_at: a wall time without an offset, on a quarter hour; each"
                    + " recipient gets it at that time in their own zone.")
        String localTime,
    @Schema(
            description =
                "With local_time: a recipient whose time has already passed when the message is"
                    + " fanned out is sent at once (true) or expired (false, the default).")
        Boolean sendPast,
    // Batches (CONTRACT §11).
    @Schema(
            maxLength = 64,
            description =
                "Groups schedules: pause, resume or cancel them together with /v1/batches, list"
                    + " them with GET /v1/schedules?batch_id=.")
        String batchId) {}
