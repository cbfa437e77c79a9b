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

-- One row per engagement event as a network reported it; the sender's event id makes ingestion idempotent.
create table engagement_event (
    workspace_id    text        not null,
    event_id        text        not null,
    publication_id  uuid        not null,
    type            text        not null,
    occurred_at     timestamptz not null,
    count           integer     not null check (count > 0),
    actor_member_id uuid,
    actor_handle    text,
    received_at     timestamptz not null default now(),
    primary key (workspace_id, event_id)
);

-- The publication summary: totals by type for one publication.
create index engagement_event_by_publication on engagement_event (workspace_id, publication_id, type);
