-- Publishing (issue 9): a channel's connection settings and health, publications with their attempts, and the
-- transactional outbox that tells metrics-service about published posts.

-- Non-secret connection settings (webhook url, instance url, account ids), shown in the API; whether the network
-- still accepts the channel's access; and how long a rate-limited channel must wait before its next post.
alter table channel
    add column connection      jsonb       not null default '{}',
    add column status          text        not null default 'connected'
        check (status in ('connected', 'needs_reconnect')),
    add column last_error      text,
    add column last_success_at timestamptz,
    add column blocked_until   timestamptz;

-- A slot that asked for the best time keeps what decided it.
alter table publication_slot add column basis text;

-- One post of one draft on one channel at one time: one per one-time slot, one per occurrence of a recurring
-- slot (the next occurrence is made when one is done, io.kogu.content.publish.Publications). The content is
-- kept as it was approved. The publisher (io.kogu.content.publish.Publisher) claims due rows with
-- FOR UPDATE SKIP LOCKED and a lease; a row found 'publishing' with its lease run out had its replica die
-- mid-attempt, so its outcome is unknown.
create table publication (
    id              uuid        primary key,
    workspace_id    text        not null,
    draft_id        uuid        not null references draft (id) on delete cascade,
    slot_id         uuid        references publication_slot (id) on delete set null,
    occurrence_date date,
    channel_id      uuid        not null,
    network         text        not null,
    content         jsonb       not null,
    due_at          timestamptz not null,
    state           text        not null
        check (state in ('queued', 'publishing', 'published', 'failed', 'unconfirmed')),
    -- When a queued publication is tried next (its due time, or later after a failure that is retried).
    next_attempt_at timestamptz not null,
    -- Attempts in the current round: a person's retry starts a new round.
    round_attempts  integer     not null default 0,
    claimed_by      text,
    lease_until     timestamptz,
    reason          text,
    external_id     text,
    url             text,
    published_at    timestamptz,
    -- What a connector keeps between attempts (an Instagram container id, a Bluesky record key).
    progress        jsonb       not null default '{}',
    -- A rescheduled draft's earlier publications are history: they no longer decide the draft's state.
    superseded      boolean     not null default false,
    version         bigint      not null,
    created_by      text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
-- At most one publication per occurrence of a slot, and one for a one-time slot.
create unique index publication_per_occurrence on publication (slot_id, occurrence_date) where occurrence_date is not null;
create unique index publication_per_slot on publication (slot_id) where occurrence_date is null and slot_id is not null;
-- The publisher's claims: due queued rows, and claims whose lease ran out.
create index publication_due on publication (next_attempt_at) where state = 'queued';
create index publication_expired_lease on publication (lease_until) where state = 'publishing';
-- Lists: latest due first, by workspace, draft or channel.
create index publication_by_due on publication (workspace_id, due_at desc, id desc);
create index publication_by_draft on publication (draft_id, due_at desc, id desc);
create index publication_by_channel on publication (workspace_id, channel_id, due_at desc, id desc);

create table publication_attempt (
    publication_id uuid        not null references publication (id) on delete cascade,
    number         integer     not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    outcome        text        not null,
    http_status    integer,
    error_code     text,
    reason         text,
    actor          text,
    primary key (publication_id, number)
);

-- Facts other services must learn (io.kogu.platform.outbox): written in the transaction of the change,
-- delivered by the dispatcher with SKIP LOCKED claims, a lease and backoff; given up on (dead_at) after
-- kogu.outbox.dead-after counted from created_at, or from revived_at once an admin retried it.
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
