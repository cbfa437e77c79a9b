-- lane collect (issue 12): metrics-service tells audience-service what each member did (member.engagement →
-- audience POST /v1/member-engagement) through the platform outbox (io.kogu.platform.outbox), as audience-service
-- and content-service do: written in the transaction that stores the events, claimed FOR UPDATE SKIP LOCKED with
-- a lease, retried with backoff, given up on (dead_at) after kogu.outbox.dead-after.
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

-- The member-engagement receiver counts a member's events with engagement_event_by_member (V2).
