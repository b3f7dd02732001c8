package com.scheduleapi.schedule;

/**
 * The statement of {@link DueSchedules#renewLeases}: renews, by id, the leases still this node's;
 * answers each row still leased here and whether it was renewed. A row locked by a settle under way
 * is skipped, not waited for (the settle ends the lease anyway), and not renewed.
 */
final class LeaseRenewal {

  private LeaseRenewal() {}

  static final String SQL =
      """
      with mine as (
        select id from schedule
        where id = any(:ids::bigint[]) and lease_owner = :node and dispatched_at is null),
      renewed as (
        update schedule s set lease_until = :until
        where s.id in (
          select id from schedule
          where id = any(:ids::bigint[]) and lease_owner = :node and dispatched_at is null
          order by id for update skip locked)
        returning s.id)
      select coalesce(r.id, m.id), r.id is not null
      from mine m full join renewed r on r.id = m.id
      """;
}
