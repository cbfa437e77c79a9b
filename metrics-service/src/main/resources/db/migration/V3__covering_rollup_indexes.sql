-- Channel and network reads (summaries, time series, audience activity) scan a range of rollup hours and
-- need only these columns: covering indexes let PostgreSQL answer from the index alone.
drop index rollup_hourly_by_channel;
drop index rollup_hourly_by_network;
create index rollup_hourly_by_channel on rollup_hourly (workspace_id, channel_id, hour) include (publication_id, type, total);
create index rollup_hourly_by_network on rollup_hourly (workspace_id, network, hour) include (publication_id, type, total);
