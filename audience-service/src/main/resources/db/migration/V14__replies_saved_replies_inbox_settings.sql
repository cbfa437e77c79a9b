-- Replies sent from the inbox through content-service (POST /v1/replies), and what became of them.
create table conversation_reply (
    id              uuid        primary key, -- the id content-service's reply has (chosen here, idempotent there)
    workspace_id    text        not null,
    conversation_id uuid        not null references conversation (id) on delete cascade,
    item_id         uuid        not null,
    text            text        not null,
    state           text        not null,
    external_id     text,
    url             text,
    error           text,
    created_by      text        not null,
    created_at      timestamptz not null,
    published_at    timestamptz
);
create index conversation_reply_by_conversation on conversation_reply (conversation_id, created_at desc, id desc);

-- Reply templates with {{field}} placeholders.
create table saved_reply (
    id           uuid        primary key,
    workspace_id text        not null,
    name         text        not null,
    text         text        not null,
    version      bigint      not null default 0,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (workspace_id, name)
);
create index saved_reply_by_creation on saved_reply (workspace_id, created_at desc, id desc);

-- The workspace's time zone and business hours, in which response times are counted (no workspace settings exist
-- elsewhere yet). A workspace without a row has UTC, Monday to Friday 09:00-17:00.
create table inbox_settings (
    workspace_id   text        primary key,
    time_zone      text        not null,
    business_hours jsonb       not null,
    version        bigint      not null default 0,
    updated_at     timestamptz not null
);
