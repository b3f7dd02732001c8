-- Issue 13: batches, pause, events (an event log and signed webhooks with an outbox).

-- A client's label for a group of schedules (pause, resume or cancel them together).
alter table schedule add column batch_id text;
create index schedule_batch on schedule (team_id, batch_id, id) where batch_id is not null;
-- A paused schedule (status 5) leaves the due queue: dispatched_at is set to the instant it was
-- paused, so schedule_due no longer holds it and no claim reads past it. Resume clears it again.

-- Every event of a team, written in the transaction of the change it reports (the outbox).
-- tx is the writing transaction's id: readers take events in (tx, id) order and only from
-- transactions older than every transaction still running, so an event that commits late is never
-- passed over by a reader that already went further (ids are handed out before commit, in another
-- order).
create table event (
    id         bigserial primary key,
    team_id    bigint      not null references team (id),
    tx         bigint      not null default (pg_current_xact_id()::text::bigint),
    type       smallint    not null,
    created_at timestamptz not null default now(),
    data       text,
    -- A schedule's final status (sent, failed, expired) is shown as the Scheduled object, which no
    -- longer changes then: such an event names its schedule and the object is rendered when the event
    -- is read, which keeps rendering out of the dispatcher's write transactions.
    schedule_id bigint,
    check (data is not null or schedule_id is not null)
);
create index event_team_order on event (team_id, tx, id);
-- The clean-up job deletes by age; rows are written in created_at order, so a BRIN index is enough.
create index event_created on event using brin (created_at);

-- A team's webhook endpoint. The secret is AES-GCM encrypted with a key from configuration
-- (events.SecretCipher); the relay's place in the team's events is (cursor_tx, cursor_id), and one
-- node at a time works an endpoint under a lease.
create table webhook (
    id            bigserial primary key,
    team_id       bigint      not null references team (id),
    url           text        not null,
    events        smallint[]  not null default '{}',
    secret        bytea       not null,
    created_at    timestamptz not null default now(),
    cursor_tx     bigint      not null,
    cursor_id     bigint      not null,
    lease_owner   text,
    lease_until   timestamptz,
    paused_until  timestamptz,
    failures      integer     not null default 0,
    last_error    text
);
create index webhook_team on webhook (team_id, id);

-- Events an endpoint did not take yet (a non-2xx, a timeout, a refused connection): tried again
-- with backoff, with the same webhook-id, until schedule.events.retry-for after the event.
create table webhook_retry (
    webhook_id      bigint      not null references webhook (id) on delete cascade,
    event_id        bigint      not null,
    attempts        integer     not null,
    next_attempt_at timestamptz not null,
    error           text,
    primary key (webhook_id, event_id)
);
create index webhook_retry_due on webhook_retry (webhook_id, next_attempt_at);
