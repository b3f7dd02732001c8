package com.scheduleapi.schedule;

/**
 * The claim statement of {@link DueSchedules#claim}: fair between inboxes (CONTRACT §9), so that
 * one inbox's backlog never holds up another's messages due at the same instant. Its cost over a
 * claim in one global due order is one index probe per inbox with pending schedules.
 */
final class FairClaim {

  private FairClaim() {}

  /**
   * A skip scan finds the inboxes with pending schedules (one index probe each) and keeps those
   * with some due. An inbox this firing has claimed from is probed from its cursor, not from its
   * first entry: the rows settled behind the cursor keep their entries in the due index until
   * vacuum, and walking past them (600,000 after a big burst: 57 ms) had been paid on every claim.
   * Each inbox offers up to a claim's worth of its due schedules, in its due order after its
   * cursor, unlocked; the claim takes them in turns (every inbox's first, then every inbox's
   * second, …) and locks what it takes, checking again that nobody took it meanwhile.
   */
  static final String SQL =
      """
      with recursive cursors(inbox_id, at, id) as (
        select inbox_id, at::timestamptz, id
        from unnest(:cursor_inboxes::bigint[], :cursor_at::text[], :cursor_ids::bigint[])
             as c(inbox_id, at, id)),
      inboxes(inbox_id, first_at) as (
        select -1::bigint, null::timestamptz
        union all
        select n.inbox_id, n.first_at from inboxes i
        left join lateral (
          select c.inbox_id, c.at, c.id from cursors c where c.inbox_id > i.inbox_id
          order by c.inbox_id limit 1) c on true
        cross join lateral (
          (select s.inbox_id, s.due_at as first_at from schedule s
           where s.dispatched_at is null and s.inbox_id > i.inbox_id
             and s.inbox_id < coalesce(c.inbox_id, 9223372036854775807)
           order by s.inbox_id, s.due_at limit 1)
          union all
          (select c.inbox_id,
                  (select s.due_at from schedule s
                   where s.dispatched_at is null and s.inbox_id = c.inbox_id
                     and (s.due_at, s.id) > (c.at, c.id)
                   order by s.due_at, s.id limit 1)
           where c.inbox_id is not null)
          limit 1) n),
      due_inboxes as (
        select inbox_id from inboxes
        where first_at <= :horizon and inbox_id <> all(:skip::bigint[])),
      candidates as (
        select d.id, d.due_at,
               row_number() over (partition by d.inbox_id order by d.due_at, d.id) as turn
        from due_inboxes i
        left join cursors c on c.inbox_id = i.inbox_id
        cross join lateral (
          select s.id, s.inbox_id, s.due_at from schedule s
          where s.dispatched_at is null and s.inbox_id = i.inbox_id and s.due_at <= :horizon
            and (s.due_at, s.id) > (coalesce(c.at, '-infinity'), coalesce(c.id, 0))
            and (s.lease_owner is null
                 or (:takeover and s.lease_until <= :now and s.lease_owner <> all(:live::text[])))
          order by s.due_at, s.id limit :limit) d),
      picked as (
        select id from candidates order by turn, due_at, id limit :limit),
      due as (
        select s.id, s.lease_owner from schedule s join picked p on p.id = s.id
        where s.dispatched_at is null
          and (s.lease_owner is null
               or (:takeover and s.lease_until <= :now and s.lease_owner <> all(:live::text[])))
        for update of s skip locked)
      update schedule s
      set status = {schedule.sending}, updated_at = :now,
          dispatched_at = case when s.list_id is not null then :now::timestamptz end,
          lease_owner = case when s.list_id is null then :node end,
          lease_until = case when s.list_id is null
                             then greatest(s.due_at, :now::timestamptz) + :lease::interval end,
          attempts = s.attempts + (s.list_id is null)::int,
          idempotency_key = coalesce(s.idempotency_key, gen_random_uuid()),
          delivery_id = case when s.list_id is null
                             then coalesce(s.delivery_id, nextval('delivery_id_seq')) end
      from due where s.id = due.id
      returning s.id, s.team_id, s.list_id, s.due_at, s.delivery_id,
                s.idempotency_key, s.attempts, due.lease_owner, s.phone_number,
                schedule_recipient(s.phone_number, s.targets), s.local_time_missed,
                s.inbox_id
      """;
}
