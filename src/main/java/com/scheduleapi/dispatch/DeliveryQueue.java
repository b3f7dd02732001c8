package com.scheduleapi.dispatch;

import com.scheduleapi.directory.DirectoryLookups;
import com.scheduleapi.schedule.DueSchedules;
import com.scheduleapi.schedule.ScheduleOutcomes;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery table, which this module owns: one row per phone of a list, and every delivery being
 * retried. Pending rows are due at {@code due_at}; a claim leases them without moving them, so the
 * claim changes no indexed column.
 */
@Repository
class DeliveryQueue {

  /** Writes a batch's outcomes onto the delivery rows this node holds, each looked up by its id. */
  static final String RECORD =
      DeliveryStatus.sql(
          """
          update delivery d
          set status = u.status, error = u.error, sent_at = u.sent_at::timestamptz,
              provider_message_id = u.provider_id,
              due_at = coalesce(u.next_at::timestamptz, d.due_at),
              attempts = d.attempts - (not u.counted)::int,
              lease_owner = null, lease_until = null
          from unnest(:ids::bigint[], :statuses::smallint[], :errors::text[],
                      :sent_at::text[], :provider_ids::text[], :next_at::text[],
                      :counted::boolean[],
                      array_fill(:node::text, array[cardinality(:ids::bigint[])]))
               as u(id, status, error, sent_at, provider_id, next_at, counted, node)
          -- On the batch's column, not :node, as ScheduleOutcomes.SETTLE explains.
          where d.id = u.id and d.lease_owner = u.node
          returning d.schedule_id, d.status <> {delivery.pending}, d.id
          """);

  private final JdbcClient jdbc;

  DeliveryQueue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Row> claim(Lane.ClaimRequest request) {
    return jdbc.sql(
            DeliveryStatus.sql(
                """
                with due as (
                  select id, lease_owner from delivery
                  where status = {delivery.pending} and due_at <= :horizon
                    and (due_at, id) > (:after_at, :after_id)
                    and (lease_owner is null
                         or (:takeover and lease_until <= :now
                             and lease_owner <> all(:live::text[])))
                  order by due_at, id limit :limit for update skip locked)
                update delivery d
                set lease_owner = :node, lease_until = greatest(d.due_at, :now::timestamptz) + :lease::interval,
                    attempts = d.attempts + 1
                from due where d.id = due.id
                returning d.id, d.schedule_id, d.recipient, d.idempotency_key, d.attempts,
                          d.due_at, due.lease_owner
                """))
        .param("horizon", Timestamp.from(request.horizon()))
        .param("after_at", Timestamp.from(request.after().due()))
        .param("after_id", request.after().id())
        .param("takeover", request.takeover().allowed())
        .param("now", Timestamp.from(request.now()))
        .param("live", request.takeover().liveNodes().toArray(String[]::new))
        .param("limit", request.limit())
        .param("node", request.node())
        .param("lease", request.lease().toMillis() + " milliseconds")
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getObject(4, UUID.class),
                    rs.getInt(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getString(7)))
        .list();
  }

  /** Writes outcomes of rows this node holds; answers how many, and which schedules they settle. */
  Written record(List<Outcome> outcomes, String node) {
    List<long[]> rows =
        jdbc.sql(RECORD)
            .param("ids", outcomes.stream().mapToLong(Outcome::deliveryId).toArray())
            .param("statuses", outcomes.stream().mapToInt(o -> o.status().code()).toArray())
            .param("errors", outcomes.stream().map(Outcome::error).toArray(String[]::new))
            .param("sent_at", outcomes.stream().map(o -> text(o.sentAt())).toArray(String[]::new))
            .param(
                "provider_ids",
                outcomes.stream().map(Outcome::providerMessageId).toArray(String[]::new))
            .param(
                "next_at",
                outcomes.stream().map(o -> text(o.nextAttemptAt())).toArray(String[]::new))
            .param("counted", counted(outcomes))
            .param("node", node)
            .query((rs, n) -> new long[] {rs.getLong(3), rs.getBoolean(2) ? rs.getLong(1) : 0})
            .list();
    return new Written(
        rows.stream().map(r -> r[0]).toList(),
        rows.stream().map(r -> r[1]).filter(id -> id != 0).distinct().toList());
  }

  /**
   * Renews the leases of the deliveries named that are still this node's, to {@code until}. Rows
   * locked by a write under way are skipped, not waited for: the write ends the lease anyway.
   */
  DueSchedules.Renewal renewLeases(long[] ids, String node, Instant until) {
    DueSchedules.Renewal renewal = new DueSchedules.Renewal(new ArrayList<>(), new HashSet<>());
    jdbc.sql(
            DeliveryStatus.sql(
                """
                with mine as (
                  select id from delivery
                  where id = any(:ids::bigint[]) and lease_owner = :node
                    and status = {delivery.pending}),
                renewed as (
                  update delivery d set lease_until = :until
                  where d.id in (
                    select id from delivery
                    where id = any(:ids::bigint[]) and lease_owner = :node
                      and status = {delivery.pending}
                    order by id for update skip locked)
                  returning d.id)
                select coalesce(r.id, m.id), r.id is not null
                from mine m full join renewed r on r.id = m.id
                """))
        .param("ids", ids)
        .param("node", node)
        .param("until", Timestamp.from(until))
        .query(
            rs -> {
              (rs.getBoolean(2) ? renewal.renewed() : renewal.kept()).add(rs.getLong(1));
            });
    return renewal;
  }

  int release(List<Long> deliveryIds, String node) {
    return jdbc.sql(
            DeliveryStatus.sql(
                """
                update delivery set lease_owner = null, lease_until = null, attempts = attempts - 1
                where id = any(:ids::bigint[]) and lease_owner = :node
                  and status = {delivery.pending}
                """))
        .param("ids", deliveryIds.stream().mapToLong(Long::longValue).toArray())
        .param("node", node)
        .update();
  }

  /**
   * Queues the phones each list has now, due at its schedule's instant; opted-out phones are
   * skipped at once. One statement for all the lists of a claim, however many phones they hold.
   */
  Fanned queue(List<DueSchedules.Claimed> lists) {
    if (lists.isEmpty()) {
      return new Fanned(0, 0);
    }
    return jdbc.sql(
            DeliveryStatus.sql(
                """
                with written as (
                  insert into delivery (schedule_id, recipient, idempotency_key, status, error,
                                        due_at)
                  select u.schedule_id, m.phone, gen_random_uuid(),
                         case when m.opted_out then {delivery.skipped} else {delivery.pending} end,
                         case when m.opted_out then 'opted out' end, u.due::timestamptz
                  from unnest(:schedules::bigint[], :teams::bigint[], :lists::bigint[],
                              :due::text[]) as u(schedule_id, team_id, list_id, due)
                  cross join lateral %s(u.team_id, u.list_id) m
                  returning status)
                select count(*), count(*) filter (where status = {delivery.skipped}) from written
                """
                    .formatted(DirectoryLookups.LIST_MEMBERS)))
        .param("schedules", lists.stream().mapToLong(DueSchedules.Claimed::id).toArray())
        .param("teams", lists.stream().mapToLong(DueSchedules.Claimed::teamId).toArray())
        .param("lists", lists.stream().mapToLong(DueSchedules.Claimed::listId).toArray())
        .param("due", lists.stream().map(l -> l.due().toString()).toArray(String[]::new))
        .query((rs, n) -> new Fanned(rs.getInt(1), rs.getInt(2)))
        .single();
  }

  /** Takes in singles whose retries go through the queue, keeping their id, key and attempts. */
  void takeIn(List<ScheduleOutcomes.Moved> moved, List<Outcome> retries) {
    jdbc.sql(
            DeliveryStatus.sql(
                """
                insert into delivery (id, schedule_id, recipient, idempotency_key, status, attempts,
                                      error, due_at)
                select u.id, u.schedule_id, u.recipient, u.key::uuid, {delivery.pending},
                       u.attempts, u.error, u.next_at::timestamptz
                from unnest(:ids::bigint[], :schedules::bigint[], :recipients::text[],
                            :keys::text[], :attempts::int[], :errors::text[], :next_at::text[])
                     as u(id, schedule_id, recipient, key, attempts, error, next_at)
                """))
        .param("ids", moved.stream().mapToLong(ScheduleOutcomes.Moved::deliveryId).toArray())
        .param("schedules", moved.stream().mapToLong(ScheduleOutcomes.Moved::scheduleId).toArray())
        .param(
            "recipients",
            moved.stream().map(ScheduleOutcomes.Moved::recipient).toArray(String[]::new))
        .param(
            "keys", moved.stream().map(m -> m.idempotencyKey().toString()).toArray(String[]::new))
        .param(
            "attempts",
            java.util.stream.IntStream.range(0, moved.size())
                .map(i -> moved.get(i).attempts() - (retries.get(i).counted() ? 0 : 1))
                .toArray())
        .param("errors", retries.stream().map(Outcome::error).toArray(String[]::new))
        .param("next_at", retries.stream().map(o -> text(o.nextAttemptAt())).toArray(String[]::new))
        .update();
  }

  private static Boolean[] counted(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::counted).toArray(Boolean[]::new);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** The deliveries whose outcome was written, and the schedules whose delivery they settled. */
  record Written(List<Long> deliveryIds, List<Long> settledSchedules) {

    int count() {
      return deliveryIds.size();
    }
  }

  /** What a fan-out queued: deliveries, of which skipped as opted out. */
  record Fanned(int deliveries, int skipped) {}

  /** A claimed row. */
  record Row(
      long id,
      long scheduleId,
      String recipient,
      UUID idempotencyKey,
      int attempts,
      Instant due,
      String previousOwner) {}
}
