-- The platform outbox (io.kogu.platform.outbox), as content-service and audience-service have it: metrics-service
-- queues its outbound webhook deliveries here (io.kogu.platform.webhooks, event type webhook.delivery) and tells
-- audience-service what each member did (member.engagement → audience POST /v1/member-engagement), written in the
-- transaction that stores the events.
create table outbox (
    id              uuid        primary key,
    workspace_id    text        not null,
    event_type      text        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    delivered_at    timestamptz,
    last_error      text,
    dead_at         timestamptz,
    revived_at      timestamptz
);
create index outbox_due on outbox (next_attempt_at) where delivered_at is null and dead_at is null;
create index outbox_dead on outbox (workspace_id, dead_at desc, id desc) where dead_at is not null;
