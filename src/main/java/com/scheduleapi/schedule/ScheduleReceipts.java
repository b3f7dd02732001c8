package com.scheduleapi.schedule;

import com.scheduleapi.events.Events;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Provider receipts of singles that settled sent on their own row (CONTRACT §13): the first receipt
 * is kept in {@code delivered}, later ones change nothing. Runs in the caller's transaction, with
 * the events of the deliveries it moves on.
 */
@Repository
public class ScheduleReceipts {

  private final JdbcClient jdbc;
  private final Events events;

  ScheduleReceipts(JdbcClient jdbc, Events events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** Applies receipts to the singles sent with these provider ids; answers the ids it applied. */
  public List<String> apply(List<Receipt> receipts) {
    if (receipts.isEmpty()) {
      return List.of();
    }
    List<Applied> applied =
        jdbc.sql(
                """
                update schedule s set delivered = u.delivered, error = u.error
                from unnest(:ids::text[], :delivered::boolean[], :errors::text[])
                     as u(provider_id, delivered, error)
                where s.provider_message_id = u.provider_id and s.list_id is null
                  and s.dispatched_at is not null and s.sent = 1 and s.delivered is null
                returning s.team_id, s.id, s.local_id, s.batch_id, s.delivery_id,
                          schedule_recipient(s.phone_number, s.targets), s.delivered, s.attempts,
                          s.error, s.sent_at, s.provider_message_id
                """)
            .param("ids", receipts.stream().map(Receipt::providerMessageId).toArray(String[]::new))
            .param("delivered", receipts.stream().map(Receipt::delivered).toArray(Boolean[]::new))
            .param("errors", receipts.stream().map(Receipt::error).toArray(String[]::new))
            .query(
                (rs, n) -> {
                  Timestamp sentAt = rs.getTimestamp(10);
                  return new Applied(
                      rs.getLong(1),
                      new Events.DeliveryData(
                          rs.getLong(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getLong(5),
                          rs.getString(6),
                          rs.getBoolean(7) ? "delivered" : "undelivered",
                          rs.getInt(8),
                          rs.getString(9),
                          sentAt == null ? null : sentAt.toInstant(),
                          rs.getString(11)));
                })
            .list();
    events.record(
        applied.stream().flatMap(a -> events.delivery(a.teamId(), a.delivery()).stream()).toList());
    return applied.stream().map(a -> a.delivery().providerMessageId()).toList();
  }

  /** Those of these provider ids whose single, settled on its row, has its receipt already. */
  public List<String> known(List<String> providerMessageIds) {
    if (providerMessageIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select provider_message_id from schedule
            where provider_message_id = any(:ids::text[]) and list_id is null
              and delivered is not null
            """)
        .param("ids", providerMessageIds.toArray(String[]::new))
        .query(String.class)
        .list();
  }

  /** The provider's word on a message: delivered or not, and its error code when not. */
  public record Receipt(String providerMessageId, boolean delivered, String error) {}

  private record Applied(long teamId, Events.DeliveryData delivery) {}
}
