-- Rollup deltas of events stored from NDJSON streams, waiting to be folded into the rollups by RollupBacklog
-- (io.kogu.metrics.event), normally within a second. Bulk streams store their events and queue here instead of
-- updating four rollup tables per batch. The applier takes the oldest first; the index also tells how far
-- behind the rollups are (the age of the oldest delta).
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
create index rollup_backlog_by_age on rollup_backlog (queued_at);

-- Retention deletes the keys of dropped weeks by occurred_at, once a week, in a transaction of its own
-- (EventPartitions.forgetKeysBefore). A BRIN index costs next to nothing per insert, where the B-tree it
-- replaces was a quarter of the cost of deduplicating a batch. Keys arrive roughly in time order, but back-filled
-- weeks and the space freed by earlier deletes mix them, so the delete may read much of the table: acceptable
-- once a week, since it locks only the rows it deletes.
drop index event_key_by_time;
create index event_key_by_time on event_key using brin (occurred_at);
