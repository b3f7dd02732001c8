package com.scheduleapi.events;

import com.scheduleapi.web.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How other modules record events: inside their own transaction, with the change the events report,
 * so that a change is never kept without its events nor an event without its change (the outbox).
 * The relay delivers them to webhooks later; the event log shows them.
 */
@Component
public class Events {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Events(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A schedule event; {@code scheduled} is the Scheduled object as the API shows it. */
  public NewEvent schedule(long teamId, EventType type, Object scheduled) {
    return new NewEvent(teamId, type, json.writeValueAsString(scheduled), null);
  }

  /**
   * A schedule event whose data is the schedule as it will be shown when the event is read: only
   * for a final status, after which the Scheduled object no longer changes. Rendering then happens
   * outside the transaction that records the event.
   */
  public NewEvent scheduleFinal(long teamId, EventType type, long scheduleId) {
    return new NewEvent(teamId, type, null, scheduleId);
  }

  /** The event of a delivery reaching its status, if that status has one. */
  public Optional<NewEvent> delivery(long teamId, DeliveryData delivery) {
    return EventType.ofDelivery(delivery.status())
        .map(
            type ->
                new NewEvent(teamId, type, json.writeValueAsString(delivery.toJson(json)), null));
  }

  /** Writes events in the caller's transaction, one statement for all of them. */
  public void record(List<NewEvent> events) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("events are recorded in the transaction of their change");
    }
    if (events.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            insert into event (team_id, type, data, schedule_id)
            select * from unnest(:teams::bigint[], :types::smallint[], :data::text[],
                                 :schedules::bigint[])
            """)
        .param("teams", events.stream().mapToLong(NewEvent::teamId).toArray())
        .param("types", events.stream().mapToInt(e -> e.type().code()).toArray())
        .param("data", events.stream().map(NewEvent::data).toArray(String[]::new))
        .param("schedules", events.stream().map(NewEvent::scheduleId).toArray(Long[]::new))
        .update();
  }

  /** An event to record: its team, type, and data as JSON or the schedule it shows when read. */
  public record NewEvent(long teamId, EventType type, String data, Long scheduleId) {}

  /**
   * A delivery's event data, as CONTRACT §10 names it.
   *
   * @param status the delivery status's API name
   */
  public record DeliveryData(
      long scheduleId,
      String localId,
      String batchId,
      long deliveryId,
      String phoneNumber,
      String status,
      int attempts,
      String error,
      Instant sentAt,
      String providerMessageId) {

    ObjectNode toJson(JsonMapper json) {
      ObjectNode node = json.createObjectNode();
      node.put("schedule_id", scheduleId);
      node.put("local_id", localId);
      node.put("batch_id", batchId);
      node.put("delivery_id", deliveryId);
      node.put("phone_number", phoneNumber);
      node.put("status", status);
      node.put("attempts", attempts);
      node.put("error", error);
      node.put("sent_at", Times.utc(sentAt));
      node.put("provider_message_id", providerMessageId);
      return node;
    }
  }
}
