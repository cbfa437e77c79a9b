-- An event is its sender's id at its occurredAt (issue 15): a retry keeps both, so the uniqueness can live in the
-- weekly partitions themselves (a unique index on a partitioned table must hold the partition key). Each week's
-- index is small, and lets a stream's rows go in with COPY (EventIngestion), where the separate, ever-growing
-- event_key index made every event pay a look-up in one large, cold B-tree. Retention drops a week's keys with
-- its partition. The stored events are unique by (workspace_id, event_id) already, so by this key too.
create unique index engagement_event_identity on engagement_event (workspace_id, event_id, occurred_at);
drop table event_key;
