-- Conversation collection (issue 13, io.kogu.content.collect.ConversationCollector; docs/content.md "Replies and
-- conversation collection"): every connected channel of a network Kogu can read conversations from is read every
-- kogu.collector.conversations-every. One row per channel: what the network's reading left for the next one (since
-- ids, the time read up to: the cursor, its shape the connector's), when the next reading is due, and the claim of
-- the replica reading it now (FOR UPDATE SKIP LOCKED and a lease, as engagement readings are claimed). A 429 makes
-- the channel's collection wait (channel.collection_blocked_until, shared with engagement readings).
create table conversation_collection (
    channel_id      uuid        primary key references channel (id) on delete cascade,
    workspace_id    text        not null,
    network         text        not null,
    cursor          jsonb       not null default '{}',
    next_reading_at timestamptz not null,
    claimed_by      text,
    lease_until     timestamptz,
    readings        integer     not null default 0,
    last_reading_at timestamptz,
    last_error      text
);
create index conversation_collection_due on conversation_collection (next_reading_at);
-- The channel's recent posts whose threads are read.
create index publication_published_by_channel on publication (channel_id, published_at desc) where state = 'published';
