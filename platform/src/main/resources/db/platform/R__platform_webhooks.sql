-- The tables of io.kogu.platform.webhooks (outbound webhooks, docs/webhooks.md), in every service's database: this
-- file, in the platform jar's db/platform (a Flyway location of every service), is their one source.
-- Repeatable: Flyway applies it again whenever this text changes, so every statement must stay idempotent.
-- Deliveries are queued through the service's outbox table (event type webhook.delivery, id = the delivery's id).
set local client_min_messages = warning;

create table if not exists webhook_endpoint (
    id                         uuid        primary key,
    workspace_id               text        not null,
    url                        text        not null,
    -- A JSON array of event type names.
    event_types                jsonb       not null,
    description                text,
    enabled                    boolean     not null,
    -- Why Kogu disabled it: 'gone' (410) or 'failing' (kogu.webhooks.disable-after without a success).
    disabled_reason            text,
    failing_since              timestamptz,
    -- Standard Webhooks secrets, AES-256-GCM under kogu.webhooks.secret-key (WebhookSecrets).
    secret_sealed              bytea       not null,
    previous_secret_sealed     bytea,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null,
    version                    bigint      not null
);
-- The list (keyset, newest first) and the emit's question (the workspace's enabled endpoints).
create index if not exists webhook_endpoint_workspace on webhook_endpoint (workspace_id, created_at desc, id desc);

create table if not exists webhook_delivery (
    id              uuid        primary key,
    workspace_id    text        not null,
    endpoint_id     uuid        not null references webhook_endpoint (id) on delete cascade,
    -- The event id, sent as webhook-id: the same for every endpoint, retry and replay of one event.
    event_id        uuid        not null,
    event_type      text        not null,
    -- The body sent (type, timestamp, workspaceId, data).
    payload         jsonb       not null,
    status          text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempts        integer     not null,
    response_status integer,
    last_error      text,
    last_attempt_at timestamptz,
    next_attempt_at timestamptz,
    succeeded_at    timestamptz,
    replay_of       uuid,
    created_at      timestamptz not null
);
-- The delivery log of an endpoint (keyset, newest first) and the replay since a time.
create index if not exists webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at desc, id desc);
