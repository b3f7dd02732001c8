package com.scheduleapi.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The Scheduled object of the seed, with the revision and the delivery summary. */
@Schema(name = "Scheduled", description = "A scheduled message.")
record ScheduledView(
    long id,
    @Schema(
            requiredMode = RequiredMode.REQUIRED,
            description = "When it is sent: RFC 3339, in the offset the request gave.")
        String execute,
    long inboxId,
    @Schema(description = "The local_id the request gave.") String localId,
    @Schema(description = "The team member it is sent as.") long userId,
    @Schema(requiredMode = RequiredMode.REQUIRED) String created,
    @Schema(requiredMode = RequiredMode.REQUIRED) String updated,
    @Schema(description = "Counts the changes; the ETag header and If-Match carry it.") int rev,
    @Schema(description = "The batch it belongs to, as the request gave it.") String batchId,
    Meta meta,
    @Schema(description = "Nothing is handed to the sender after this instant; null: never.")
        String expireAt,
    @Schema(
            description =
                "The wall time each recipient gets it at in their own zone; null: sent at execute.")
        String localTime) {

  @Schema(name = "ScheduledMeta", description = "What is sent, to whom, and how it went.")
  record Meta(
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              allowableValues = {
                "scheduled",
                "paused",
                "sending",
                "sent",
                "partially_sent",
                "failed",
                "expired"
              })
          String status,
      @Schema(ref = "#/components/schemas/ScheduledContent") JsonNode content,
      String phoneNumber,
      @Schema(description = "The phones of a group message.") List<String> targets,
      Long conversationId,
      Long listId,
      @Schema(description = "How many recipients it has.") int recipients,
      @Schema(description = "How many deliveries were sent.") int sent,
      @Schema(description = "How many deliveries failed.") int failed,
      @Schema(description = "How many recipients were skipped (opted out).") int skipped) {}
}
