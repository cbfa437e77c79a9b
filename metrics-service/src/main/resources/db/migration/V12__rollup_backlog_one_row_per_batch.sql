-- The rollup backlog holds a stream batch's deltas as one row of parallel arrays (up to 1,000 deltas a row)
-- instead of a row per delta (issue 15): a bulk stream queued a million rows, each with its heap tuple, index
-- entry and WAL record, as costly to write as the events themselves; a thousand rows of arrays take the same
-- deltas for a fraction of that. RollupBacklog unnests them into the rollups, oldest first.
alter table rollup_backlog rename to rollup_backlog_by_delta;
alter index rollup_backlog_by_age rename to rollup_backlog_by_delta_age;

create table rollup_backlog (
    workspace_id     text          not null,
    -- how many deltas the row holds: the applier takes rows until a chunk's worth of deltas
    deltas           integer       not null,
    publication_ids  uuid[]        not null,
    types            text[]        not null,
    hours            timestamptz[] not null,
    channel_ids      uuid[]        not null,
    networks         text[]        not null,
    actor_member_ids uuid[]        not null,
    totals           bigint[]      not null,
    queued_at        timestamptz   not null default now(),
    -- unnest pads shorter arrays with nulls: every array holds exactly one element per delta
    constraint rollup_backlog_arrays_match check (
        deltas > 0
        and cardinality(publication_ids) = deltas and cardinality(types) = deltas
        and cardinality(hours) = deltas and cardinality(channel_ids) = deltas
        and cardinality(networks) = deltas and cardinality(actor_member_ids) = deltas
        and cardinality(totals) = deltas)
);
-- uuids and timestamps do not compress: storing the arrays out of line without trying saves the attempt
alter table rollup_backlog
    alter column publication_ids set storage external,
    alter column hours set storage external,
    alter column channel_ids set storage external,
    alter column actor_member_ids set storage external,
    alter column totals set storage external;
create index rollup_backlog_by_age on rollup_backlog (queued_at);

insert into rollup_backlog (workspace_id, deltas, publication_ids, types, hours, channel_ids, networks,
                            actor_member_ids, totals, queued_at)
select workspace_id, count(*), array_agg(publication_id), array_agg(type), array_agg(hour), array_agg(channel_id),
       array_agg(network), array_agg(actor_member_id), array_agg(total), min(queued_at)
from (select d.*, (row_number() over (partition by workspace_id order by queued_at) - 1) / 1000 as part
      from rollup_backlog_by_delta d) numbered
group by workspace_id, part;

drop table rollup_backlog_by_delta;
