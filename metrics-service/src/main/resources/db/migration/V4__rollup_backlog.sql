-- Rollup deltas of events stored from NDJSON streams, waiting to be folded into the rollups by RollupBacklog
-- (io.kogu.metrics.event), normally within a second. Bulk streams store their events and queue here instead of
-- updating four rollup tables per batch, which made ingestion some thirty times slower than COPY. No index:
-- rows are only appended, and taken whole by the applier.
create table rollup_backlog (
    workspace_id    text        not null,
    publication_id  uuid        not null,
    type            text        not null,
    hour            timestamptz not null,
    channel_id      uuid,
    network         text,
    actor_member_id uuid,
    total           bigint      not null,
    queued_at       timestamptz not null default now()
);

-- Event ids are compared byte by byte: cheaper than the database's collation for every key of every batch, and
-- an id is an opaque token anyway.
alter table event_key
    alter column workspace_id type text collate "C",
    alter column event_id type text collate "C";

-- Retention deletes the keys of dropped weeks by occurred_at, once a week: a BRIN index serves that, and costs
-- next to nothing per insert, where the B-tree it replaces was a third of the cost of deduplicating a batch.
drop index event_key_by_time;
create index event_key_by_time on event_key using brin (occurred_at);
