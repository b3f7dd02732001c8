-- Send windows (CONTRACT §8): each inbox's zone, sending hours and pace; each contact's zone; each
-- schedule's planned instant, local time and expiry; each queued delivery's zone.

-- send_window: "MON,TUE|08:00|21:00" (the days it opens, from, to exclusive; SendWindow.stored); null = any time.
-- mps: the pace the sender may hand this inbox's deliveries over at (1 to 1000); null = unpaced.
alter table inbox
    add column timezone    text,
    add column send_window text,
    add column mps         integer check (mps between 1 and 1000);

alter table contact add column timezone text;

-- due_at is the instant the schedule is planned for: for a single, after its recipient's zone and the
-- inbox's window; for a list, when it is fanned out (its earliest zone's instant). Claims go by due_at,
-- so a message held by a window costs nothing until then; execute_at stays what the client asked for.
-- timezone: the zone that decided a single's plan. local_time: the wall time of a local-time send;
-- local_time_missed: a single whose local time had already passed when it was planned, without
-- send_past: the dispatcher settles it as expired without sending.
alter table schedule
    add column due_at            timestamptz,
    add column expire_at         timestamptz,
    add column local_time        timestamp,
    add column send_past         boolean not null default false,
    add column local_time_missed boolean not null default false,
    add column timezone          text;
update schedule set due_at = execute_at;
alter table schedule alter column due_at set not null;

drop index schedule_due;
create index schedule_due on schedule (due_at, id) where dispatched_at is null;

-- The zone that decided a queued delivery's due_at; null when nothing was planned (no window, no
-- local time), and the listing then names the zone it would have used.
alter table delivery add column timezone text;
