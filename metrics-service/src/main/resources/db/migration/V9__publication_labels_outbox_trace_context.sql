-- What a screen shows next to a publication id (issue 11, item 4), sent by content-service with each publication:
-- its title (the draft's title, else the first line of its text), and the channel's name. The URL was there.
alter table publication add column title text;

-- The channel's name is kept once per channel, not per publication, so that a rename reaches every publication of
-- the channel with its next one: the registration with the latest published_at names it (an older registration
-- delivered late does not undo a rename).
create table channel_label (
    workspace_id text        not null,
    channel_id   uuid        not null,
    network      text        not null,
    name         text        not null,
    published_at timestamptz not null,
    primary key (workspace_id, channel_id)
);

-- The trace context (W3C traceparent) and X-Request-Id of the request that wrote an outbox event, so that its
-- delivery to another service continues the same trace and request id (platform TraceContext; docs/observability.md).
alter table outbox add column trace_parent text, add column request_id text;
