package com.scheduleapi.directory;

import io.swagger.v3.oas.annotations.media.Schema;

/** An inbox as the API shows it; {@code phone} is the number messages are sent from. */
@Schema(description = "A sending number of the team and its sending settings.")
record InboxView(
    Long id,
    String name,
    @Schema(description = "The number messages are sent from.") String phone,
    @Schema(
            description = "IANA zone for recipients whose contact and number name none; null: UTC.",
            example = "America/Denver")
        String timezone,
    @Schema(description = "Sending hours; null: any time.") SendWindow.Json sendWindow,
    @Schema(
            description = "Deliveries handed to the sender a second at most; null: unpaced.",
            minimum = "1",
            maximum = "1000")
        Integer mps) {}
