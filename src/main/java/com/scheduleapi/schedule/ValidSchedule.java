package com.scheduleapi.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request that passed every rule, normalised: phones in E.164 digits, exactly one recipient
 * (phone, group targets, conversation or list), the team's own ids only.
 */
record ValidSchedule(
    long inboxId,
    OffsetDateTime executeAt,
    ObjectNode content,
    String phoneNumber,
    List<String> targets,
    Long conversationId,
    Long listId,
    String localId,
    long userId,
    String requestHash,
    SendTiming timing,
    String batchId) {}
