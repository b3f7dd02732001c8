-- Pacing (CONTRACT §9). mps is the inbox's own setting: how many messages a second its sending
-- number may be handed to the provider, across every node together (null = unpaced). The
-- send-windows migration adds the same column; both say "if not exists" so either may come first.
alter table inbox add column if not exists mps integer;

-- The dispatcher's shared send budget, one row per inbox that has been paced or slowed down. A node
-- reserves a block of send slots in one update: the slots from greatest(next_slot, now, paused_until)
-- on, one every 1/mps seconds, and next_slot moves past them. Slots of different nodes never
-- overlap, so the inbox's hand-offs stay 1/mps apart whichever node makes them. paused_until is set
-- when the provider answers 429 with Retry-After: no node hands the inbox a message before then.
create table inbox_pace (
    inbox_id     bigint      primary key references inbox (id),
    next_slot    timestamptz not null,
    paused_until timestamptz
);

-- Fair claims (CONTRACT §9): the claim takes each inbox's due schedules in due order, a share per
-- inbox, instead of one global due order, so that one inbox's backlog never holds up another's.
-- Like schedule_due, it leaves out dispatched rows, and no claim changes a column in it (HOT). It
-- orders by due_at, the planned instant after time zone and send window (V6), as the claim does.
create index schedule_due_by_inbox on schedule (inbox_id, due_at, id) where dispatched_at is null;
