-- Publications as they went out (registered by content-service), so that reports need no call back to it.
create table publication (
    workspace_id       text        not null,
    id                 uuid        not null,
    draft_id           uuid,
    channel_id         uuid        not null,
    network            text        not null,
    external_post_id   text,
    url                text,
    published_at       timestamptz not null,
    tags               text[]      not null default '{}',
    campaign           text,
    target_segment_ids uuid[]      not null default '{}',
    follower_count     bigint,
    version            bigint      not null default 0,
    created_at         timestamptz not null default now(),
    primary key (workspace_id, id)
);
-- An event may name its publication by channel + the network's post id.
create unique index publication_by_external_post on publication (workspace_id, channel_id, external_post_id)
    where external_post_id is not null;
-- The list, newest first.
create index publication_newest on publication (workspace_id, created_at desc, id desc);
-- Best time and top publications: a channel's or network's posts in a period.
create index publication_by_channel_time on publication (workspace_id, channel_id, published_at);
create index publication_by_network_time on publication (workspace_id, network, published_at);
create index publication_by_time on publication (workspace_id, published_at);

-- Deduplication by the sender's event id. Raw events are partitioned by occurred_at, and a unique index on a
-- partitioned table must include the partition key, so (workspace_id, event_id) cannot be unique there: the
-- same event id resent with another occurred_at would land in another partition. This small table holds the
-- key instead; occurred_at lets retention forget the keys of dropped partitions.
create table event_key (
    workspace_id text        not null,
    event_id     text        not null,
    occurred_at  timestamptz not null,
    primary key (workspace_id, event_id)
);
create index event_key_by_time on event_key (occurred_at);

-- Raw events, one partition per UTC week (Monday 00:00), created ahead by EventPartitions and on demand for
-- back-filled weeks, dropped after the retention period. count is signed: a counter snapshot that went down
-- (unlikes) is stored as a negative delta.
alter table engagement_event rename to engagement_event_v1;
alter index engagement_event_by_publication rename to engagement_event_v1_by_publication;
create table engagement_event (
    workspace_id    text        not null,
    event_id        text        not null,
    publication_id  uuid        not null,
    type            text        not null,
    occurred_at     timestamptz not null,
    count           bigint      not null,
    actor_member_id uuid,
    actor_handle    text,
    actor_network   text,
    received_at     timestamptz not null default now()
) partition by range (occurred_at);
-- Member erasure finds the actor's events by member id or handle.
create index engagement_event_by_member on engagement_event (workspace_id, actor_member_id)
    where actor_member_id is not null;
create index engagement_event_by_handle on engagement_event (workspace_id, actor_network, actor_handle)
    where actor_handle is not null;

-- Creates the missing weekly partitions that cover [from_instant, to_instant). Serialized by an advisory lock so
-- that replicas creating the same week do not collide.
create function engagement_event_ensure_partitions(from_instant timestamptz, to_instant timestamptz)
returns integer language plpgsql as $$
declare
    week_start timestamptz := date_trunc('week', from_instant at time zone 'UTC') at time zone 'UTC';
    created    integer := 0;
    name       text;
begin
    perform pg_advisory_xact_lock(hashtext('engagement_event_partitions'));
    while week_start < to_instant loop
        name := 'engagement_event_' || to_char(week_start at time zone 'UTC', 'YYYYMMDD');
        if to_regclass(name) is null then
            execute format('create table %I partition of engagement_event for values from (%L) to (%L)',
                           name, week_start, week_start + interval '7 days');
            created := created + 1;
        end if;
        week_start := week_start + interval '7 days';
    end loop;
    return created;
end $$;

-- Hourly rollups per publication and type, kept current in the statement that inserts the events: every read
-- (summaries, time series, best time) uses them, never the raw events. Channel and network are copied from the
-- publication so that channel reads need no join.
create table rollup_hourly (
    workspace_id   text        not null,
    publication_id uuid        not null,
    type           text        not null,
    hour           timestamptz not null,
    channel_id     uuid,
    network        text,
    total          bigint      not null,
    primary key (workspace_id, publication_id, type, hour)
);
create index rollup_hourly_by_channel on rollup_hourly (workspace_id, channel_id, hour);
create index rollup_hourly_by_network on rollup_hourly (workspace_id, network, hour);
create index rollup_hourly_by_time on rollup_hourly (workspace_id, hour);

-- All-time totals per publication and type: publication summaries, top publications, best time.
create table publication_total (
    workspace_id   text   not null,
    publication_id uuid   not null,
    type           text   not null,
    total          bigint not null,
    primary key (workspace_id, publication_id, type)
);

-- Totals per publication, type and actor (member), for the breakdown by audience segment. Member erasure
-- removes the member's rows.
create table rollup_actor (
    workspace_id    text   not null,
    publication_id  uuid   not null,
    type            text   not null,
    actor_member_id uuid   not null,
    total           bigint not null,
    primary key (workspace_id, publication_id, type, actor_member_id)
);
create index rollup_actor_by_member on rollup_actor (workspace_id, actor_member_id);

-- The latest counter snapshot per publication and type, to turn the next one into a delta (observed_at is
-- null until the first snapshot).
create table counter_snapshot (
    workspace_id   text        not null,
    publication_id uuid        not null,
    type           text        not null,
    value          bigint      not null,
    observed_at    timestamptz,
    primary key (workspace_id, publication_id, type)
);

-- Member erasures received (idempotent by the sender's event id).
create table member_erasure (
    workspace_id      text        not null,
    event_id          uuid        not null,
    member_id         uuid        not null,
    events_anonymized bigint      not null,
    received_at       timestamptz not null default now(),
    primary key (workspace_id, event_id)
);

-- Move the events of the unpartitioned table, with their keys and rollups.
select engagement_event_ensure_partitions(
    coalesce((select min(occurred_at) from engagement_event_v1), now()), now() + interval '8 weeks');
insert into engagement_event (workspace_id, event_id, publication_id, type, occurred_at, count, actor_member_id,
                              actor_handle, received_at)
select workspace_id, event_id, publication_id, type, occurred_at, count, actor_member_id, actor_handle, received_at
from engagement_event_v1;
insert into event_key (workspace_id, event_id, occurred_at)
select workspace_id, event_id, occurred_at from engagement_event_v1;
insert into rollup_hourly (workspace_id, publication_id, type, hour, total)
select workspace_id, publication_id, type, date_trunc('hour', occurred_at at time zone 'UTC') at time zone 'UTC',
       sum(count)
from engagement_event_v1 group by 1, 2, 3, 4;
insert into publication_total (workspace_id, publication_id, type, total)
select workspace_id, publication_id, type, sum(count) from engagement_event_v1 group by 1, 2, 3;
insert into rollup_actor (workspace_id, publication_id, type, actor_member_id, total)
select workspace_id, publication_id, type, actor_member_id, sum(count)
from engagement_event_v1 where actor_member_id is not null group by 1, 2, 3, 4;
drop table engagement_event_v1;
