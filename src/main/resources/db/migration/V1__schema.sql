-- Teams own everything; every team-scoped table carries team_id and is read through it.

create table team (
    id         bigserial primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);
create unique index team_default_name on team (name) where name = 'default';

create table member (
    id         bigserial primary key,
    team_id    bigint      not null references team (id),
    name       text        not null,
    email      text        not null,
    owner      boolean     not null default false,
    created_at timestamptz not null default now()
);
create index member_team on member (team_id, id);
create unique index member_one_owner on member (team_id) where owner;

-- API keys are kept as SHA-256 digests: a key is shown once, at creation.
create table api_key (
    id         bigserial primary key,
    team_id    bigint      not null references team (id),
    key_hash   bytea       not null unique,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);

-- JWT secrets: the HS256 key is "<secret id>||<secret key>", always longer than SHA-256's 64-byte block,
-- so HMAC itself first reduces it to SHA-256(key); storing that digest lets us verify without the secret.
create table jwt_secret (
    id                 bigserial primary key,
    team_id            bigint      not null references team (id),
    secret_id          text        not null unique,
    signing_key_digest bytea       not null,
    created_at         timestamptz not null default now(),
    revoked_at         timestamptz
);

create table inbox (
    id         bigserial primary key,
    team_id    bigint      not null references team (id),
    name       text        not null,
    phone      text        not null,
    created_at timestamptz not null default now()
);
create index inbox_team on inbox (team_id, id);

create table contact (
    team_id    bigint      not null references team (id),
    phone      text        not null,
    first_name text,
    last_name  text,
    opted_out  boolean     not null default false,
    updated_at timestamptz not null default now(),
    primary key (team_id, phone)
);

create table contact_list (
    id         bigserial primary key,
    team_id    bigint      not null references team (id),
    title      text        not null,
    local_id   text,
    uuid       uuid        not null,
    rev        integer     not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index contact_list_team on contact_list (team_id, id);
create unique index contact_list_local_id on contact_list (team_id, local_id) where local_id is not null;

create table contact_list_phone (
    list_id    bigint not null references contact_list (id) on delete cascade,
    phone      text   not null,
    first_name text,
    last_name  text,
    primary key (list_id, phone)
);

create table conversation (
    id         bigserial primary key,
    team_id    bigint      not null references team (id),
    inbox_id   bigint      not null references inbox (id),
    phone      text        not null,
    created_at timestamptz not null default now(),
    unique (inbox_id, phone)
);
create index conversation_team on conversation (team_id, id);

create table template (
    id         bigserial primary key,
    team_id    bigint      not null references team (id),
    title      text        not null,
    content    text        not null,
    local_id   text,
    uuid       uuid        not null,
    rev        integer     not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index template_team on template (team_id, id);

-- status: 0 scheduled, 1 sending, 2 sent, 3 partially_sent, 4 failed.
-- The dispatcher's fan-out moves a row from 0 to 1 (setting dispatched_at) and writes its deliveries in the
-- same transaction, once;
-- when no delivery is pending any more the row gets its final status and counts.
create table schedule (
    id              bigserial primary key,
    team_id         bigint      not null references team (id),
    inbox_id        bigint      not null references inbox (id),
    user_id         bigint      not null references member (id),
    local_id        text,
    request_hash    text        not null,
    execute_at      timestamptz not null,
    execute_offset  integer     not null,
    content         text        not null,
    phone_number    text,
    targets         text,
    conversation_id bigint,
    list_id         bigint,
    status          smallint    not null default 0,
    rev             integer     not null default 1,
    dispatched_at   timestamptz,
    recipients      integer     not null default 0,
    sent            integer     not null default 0,
    failed          integer     not null default 0,
    skipped         integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
) with (fillfactor = 90);
create unique index schedule_local_id on schedule (team_id, local_id) where local_id is not null;
-- The due index leaves status out of its predicate, so that the final status change is a HOT update.
create index schedule_due on schedule (execute_at, id) where dispatched_at is null;
create index schedule_team_execute on schedule (team_id, execute_at, id);

-- One row per recipient (a group message is one row), written when its schedule fans out. It is the send
-- queue: status 0 (pending) rows are due at next_attempt_at. A claim pushes next_attempt_at one lease ahead and
-- names the node in lease_owner, so work of a node that dies comes due again by itself.
-- status: 0 pending, 1 sent, 2 failed, 3 skipped (opted out).
create table delivery (
    id                  bigserial primary key,
    schedule_id         bigint      not null references schedule (id) on delete cascade,
    recipient           text        not null,
    idempotency_key     uuid        not null,
    status              smallint    not null,
    attempts            integer     not null default 0,
    error               text,
    sent_at             timestamptz,
    provider_message_id text,
    next_attempt_at     timestamptz,
    lease_owner         text
);
create index delivery_by_schedule on delivery (schedule_id);
create index delivery_due on delivery (next_attempt_at, id) where status = 0;
create index delivery_pending_by_schedule on delivery (schedule_id) where status = 0;
