package com.scheduleapi.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this node holds under a lease, and the lane it was claimed from, which writes its
 * outcome. {@code previousOwner} is set when the lease was taken over from a node that left.
 *
 * @param recipient one phone, or a group's phones joined by commas
 */
record Claimed(
    long deliveryId,
    long scheduleId,
    Lane lane,
    String recipient,
    UUID idempotencyKey,
    int attempts,
    Instant due,
    String previousOwner) {}
