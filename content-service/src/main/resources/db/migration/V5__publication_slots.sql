-- When each channel publishes a draft. A publisher (a later issue) claims due rows with
-- FOR UPDATE SKIP LOCKED and a lease, so that any number of replicas share the work without duplicates and a
-- dead replica's claim is taken over when its lease ends (io.kogu.content.schedule.PublicationQueue).
create table publication_slot (
    id              uuid        primary key,
    workspace_id    text        not null,
    draft_id        uuid        not null references draft (id) on delete cascade,
    channel_id      uuid        not null,
    publish_at      timestamptz not null,
    -- The wall-clock time and zone that were asked for, when the slot was given so.
    local_date_time timestamp,
    time_zone       text,
    state           text        not null check (state in ('pending', 'publishing', 'published', 'failed')),
    claimed_by      text,
    lease_until     timestamptz,
    attempts        integer     not null default 0,
    created_by      text        not null,
    created_at      timestamptz not null
);
-- The publisher's claim: due pending slots, and claims whose lease ran out.
create index publication_slot_due on publication_slot (publish_at) where state = 'pending';
create index publication_slot_expired_lease on publication_slot (lease_until) where state = 'publishing';
-- The calendar of a workspace, optionally of one channel; a draft's own slots.
create index publication_slot_by_time on publication_slot (workspace_id, publish_at, id);
create index publication_slot_by_channel on publication_slot (workspace_id, channel_id, publish_at);
create index publication_slot_by_draft on publication_slot (draft_id);
