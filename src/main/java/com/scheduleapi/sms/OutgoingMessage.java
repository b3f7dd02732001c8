package com.scheduleapi.sms;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One delivery as a provider sees it.
 *
 * @param idempotencyKey the same on every attempt of this delivery, so a provider can drop repeats
 * @param to one phone, or the phones of a group message
 * @param attachments a JSON array of {url, type, name}, or null
 * @param gallery a JSON array of {url, ...}, or null
 * @param node the name of the node handing the message over
 */
public record OutgoingMessage(
    long deliveryId,
    long scheduleId,
    UUID idempotencyKey,
    long inboxId,
    String from,
    List<String> to,
    boolean group,
    String text,
    JsonNode attachments,
    JsonNode gallery,
    long userId,
    String node) {}
