-- Replayed answers of creates retried with the same Idempotency-Key (io.kogu.platform.idempotency).
create table idempotency_key (
    workspace_id     text        not null,
    operation        text        not null,
    idempotency_key  text        not null,
    request_hash     text        not null,
    response_status  integer,
    response_headers jsonb,
    response_body    text,
    created_at       timestamptz not null default now(),
    primary key (workspace_id, operation, idempotency_key)
);

-- A person of the audience.
create table member (
    id            uuid        primary key,
    workspace_id  text        not null,
    display_name  text        not null,
    email         text,
    country       text,
    relationship  text        not null,
    tags          varchar[]   not null default '{}',
    version       bigint      not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
-- Lists, newest first, and the cursor that continues them.
create index member_by_creation on member (workspace_id, created_at desc, id desc);
create index member_by_country on member (workspace_id, country);

-- A member's handles; one handle on one network belongs to one member of a workspace.
create table member_handle (
    id           uuid primary key,
    member_id    uuid not null references member (id) on delete cascade,
    workspace_id text not null,
    network      text not null,
    handle       text not null,
    position     integer not null
);
create unique index member_handle_unique on member_handle (workspace_id, network, lower(handle));
create index member_handle_by_member on member_handle (member_id);

-- A rule-based group of members, evaluated live.
create table segment (
    id           uuid        primary key,
    workspace_id text        not null,
    name         text        not null,
    description  text,
    rule         jsonb       not null,
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index segment_by_creation on segment (workspace_id, created_at desc, id desc);
