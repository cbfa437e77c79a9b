-- That a member was erased, when and by whom; no personal data (the member row itself is gone).
create table member_erasure (
    member_id    uuid        primary key,
    workspace_id text        not null,
    event_id     uuid        not null,
    erased_at    timestamptz not null,
    erased_by    text        not null
);

-- Facts other services must learn, written in the transaction of the change and delivered by the
-- dispatcher: claimed with FOR UPDATE SKIP LOCKED and a lease, retried with exponential backoff.
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
    last_error      text
);
-- The dispatcher's question: what is due and not leased.
create index outbox_due on outbox (next_attempt_at) where delivered_at is null;
