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

-- Content being written, before it is approved and scheduled.
create table draft (
    id                 uuid        primary key,
    workspace_id       text        not null,
    title              text        not null,
    body               text        not null,
    tags               varchar[]   not null default '{}',
    target_segment_ids uuid[]      not null default '{}',
    status             text        not null,
    created_by         text        not null,
    version            bigint      not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
-- Lists, newest first, and the cursor that continues them; filters by status and tag.
create index draft_by_creation on draft (workspace_id, created_at desc, id desc);
create index draft_by_status on draft (workspace_id, status, created_at desc, id desc);
create index draft_by_tag on draft using gin (tags);
