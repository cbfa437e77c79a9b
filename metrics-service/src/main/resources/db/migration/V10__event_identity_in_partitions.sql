-- An event is identified by its workspace, its sender's event id and its occurredAt (issue 15). A sender that
-- retries resends the event as it was, occurredAt included, so the identity can live in the time-partitioned
-- table itself: a unique index needs the partition key, and here it is part of the identity. Each weekly
-- partition holds its own small index (the recent ones, where events arrive, stay in memory), where event_key
-- was one index over every event of the retention period that every insert had to reach into.
-- occurred_at comes before event_id: events arrive roughly in time order, so inserts land next to each other.
create unique index engagement_event_identity on engagement_event (workspace_id, occurred_at, event_id);

-- The keys are no longer needed: dropping a partition now forgets its events' identities with them.
drop table event_key;
