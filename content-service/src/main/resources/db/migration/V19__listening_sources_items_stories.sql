-- Listening (issue 14, io.kogu.content.listen; docs/content.md "Listening and curation").
-- A source is what is polled: a feed URL, a Bluesky search or a Mastodon tag timeline. Its row is also its fetch
-- schedule: every replica claims due rows with FOR UPDATE SKIP LOCKED and a lease (claimed_by, lease_until), as the
-- engagement collector claims readings. The validators of the last answer (etag, last_modified) make the next GET
-- conditional; consecutive_failures doubles the wait after each failure (backoff).
create table listening_source (
    id                   uuid        primary key,
    workspace_id         text        not null,
    kind                 text        not null,
    url                  text,
    feed_url             text,
    host                 text,
    query                text,
    instance_url         text,
    tag                  text,
    title                text,
    competitor           boolean     not null default false,
    version              bigint      not null default 0,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    etag                 text,
    last_modified        text,
    next_fetch_at        timestamptz,
    claimed_by           text,
    lease_until          timestamptz,
    consecutive_failures integer     not null default 0,
    last_fetch_at        timestamptz,
    last_success_at      timestamptz,
    last_status          integer,
    last_error           text
);
create index listening_source_workspace on listening_source (workspace_id, created_at desc, id desc);
create index listening_source_due on listening_source (next_fetch_at);

-- Politeness per host, across replicas: one request at a time to a host (busy_until, the claim's lease) and a
-- minimum interval between two (next_allowed_at).
create table listening_host (
    host            text        primary key,
    next_allowed_at timestamptz not null
);

-- A story: one piece of news, however many sources carry it. simhash is the 64-bit fingerprint of its first item's
-- text; bands are its eight bytes tagged with their position (position * 256 + byte): candidates within a Hamming
-- distance of 7 share at least one band (pigeonhole), most of those up to 12 do, and the GIN index finds them.
create table story (
    id            uuid        primary key,
    workspace_id  text        not null,
    title         text        not null,
    url           text        not null,
    summary       text        not null,
    published_at  timestamptz,
    first_seen_at timestamptz not null,
    simhash       bigint      not null,
    bands         integer[]   not null,
    source_count  integer     not null default 0,
    competitor    boolean     not null default false
);
create index story_workspace_newest on story (workspace_id, first_seen_at desc, id desc);
create index story_workspace_shared on story (workspace_id, source_count desc, first_seen_at desc, id desc);
create index story_bands on story using gin (bands);

-- An item: what one source said, once per source and item (guid, else the canonical URL).
create table listening_item (
    id           uuid        primary key,
    workspace_id text        not null,
    source_id    uuid        not null references listening_source (id) on delete cascade,
    story_id     uuid        not null references story (id) on delete cascade,
    item_key     text        not null,
    url          text        not null,
    title        text        not null,
    summary      text        not null,
    author       text,
    published_at timestamptz,
    seen_at      timestamptz not null,
    unique (source_id, item_key)
);
create index listening_item_story on listening_item (story_id, seen_at);
create index listening_item_url on listening_item (workspace_id, url);
create index listening_item_source_seen on listening_item (source_id, seen_at);
