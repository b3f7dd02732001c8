-- A schedule with one recipient (a phone, a conversation, a group message) is its own delivery: the
-- dispatcher leases the schedule row itself and writes the outcome onto it. That is two row writes per
-- message (the claim and the outcome) instead of four (claim, insert a delivery, settle it, close the
-- schedule). Lists still fan out into delivery rows, and a single whose first attempt must be retried
-- moves into a delivery row then, keeping its delivery_id and idempotency_key.
--
-- The claim changes no indexed column (dispatched_at stays null until the outcome), so it can be a
-- HOT update; a claimed row stays in schedule_due under its lease, and comes due again by itself
-- when the lease runs out (a node died). The outcome sets dispatched_at, which takes the row out of
-- schedule_due.
alter table schedule
    add column delivery_id         bigint,
    add column idempotency_key     uuid,
    add column lease_owner         text,
    add column lease_until         timestamptz,
    add column attempts            integer not null default 0,
    add column error               text,
    add column sent_at             timestamptz,
    add column provider_message_id text;

-- New rows get their key when written; rows written before this migration get theirs when first
-- claimed. (A volatile default in the add column would rewrite the whole table under an exclusive lock.)
alter table schedule alter column idempotency_key set default gen_random_uuid();

-- Who a single-recipient schedule's delivery goes to, as a delivery row names it: the phone, or a
-- group's phones joined by commas in their order.
create function schedule_recipient(phone_number text, targets text) returns text
    language sql immutable
as $$
    select coalesce(phone_number, (select string_agg(p, ',' order by o)
                                   from json_array_elements_text(targets::json)
                                        with ordinality t(p, o)))
$$;

-- Room on each page for the claim's new row version, so that it stays on the page (HOT).
alter table schedule set (fillfactor = 70);
