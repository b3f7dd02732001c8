package com.scheduleapi.schedule;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST} and {@code PUT /v1/schedule}, as the seed defines it. Loose parts
 * (content, targets) stay JSON so that the rules can name exactly what is wrong in them.
 */
record ScheduleRequest(
    Long inboxId,
    String executeAt,
    JsonNode content,
    String phoneNumber,
    JsonNode targets,
    Long conversationId,
    Long listId,
    String localId,
    Long userId) {}
