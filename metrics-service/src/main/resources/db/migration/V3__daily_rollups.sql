-- Daily rollups per publication and type (UTC days), kept in the same statement as the hourly ones. Summaries
-- over periods of days read whole days here and only the partial days at the edges from rollup_hourly: a
-- channel's 8 weeks are some thousand rows instead of some hundred thousand. The indexes cover the columns
-- the summaries need, so they are answered from the index.
create table rollup_daily (
    workspace_id   text   not null,
    publication_id uuid   not null,
    type           text   not null,
    day            date   not null,
    channel_id     uuid,
    network        text,
    total          bigint not null,
    primary key (workspace_id, publication_id, type, day)
);
create index rollup_daily_by_channel on rollup_daily (workspace_id, channel_id, day) include (publication_id, type, network, total);
create index rollup_daily_by_network on rollup_daily (workspace_id, network, day) include (publication_id, type, channel_id, total);
create index rollup_daily_by_day on rollup_daily (workspace_id, day) include (publication_id, type, channel_id, network, total);

insert into rollup_daily (workspace_id, publication_id, type, day, channel_id, network, total)
select workspace_id, publication_id, type, (hour at time zone 'UTC')::date, channel_id, network, sum(total)
from rollup_hourly group by 1, 2, 3, 4, 5, 6;
