-- Engagement collection (issue 12, io.kogu.content.collect; docs/content.md "Engagement collection"): every
-- published post of a network Kogu can read back (Bluesky, Mastodon, X) is read on a decaying schedule. One row per
-- publication: how many readings were taken (the reading number is part of the event ids sent to metrics-service,
-- so a repeated delivery counts once), when the next one is due (null: done), and the claim of the replica reading
-- it now (FOR UPDATE SKIP LOCKED and a lease, as the publisher claims publications).
create table engagement_collection (
    publication_id  uuid        primary key references publication (id) on delete cascade,
    workspace_id    text        not null,
    channel_id      uuid        not null,
    network         text        not null,
    external_id     text        not null,
    published_at    timestamptz not null,
    readings        integer     not null default 0,
    next_reading_at timestamptz,
    claimed_by      text,
    lease_until     timestamptz,
    last_reading_at timestamptz,
    last_error      text
);
-- The collector's question: what is due (readings of channels that are connected and not waiting).
create index engagement_collection_due on engagement_collection (next_reading_at) where next_reading_at is not null;

-- A network's 429 on a reading makes the channel's collection wait (publishing has its own blocked_until).
alter table channel add column collection_blocked_until timestamptz;

-- The people whose engagement was sent to metrics-service, once per publication, type and actor (the network's
-- id of the actor: a DID, a Mastodon account id). Counter snapshots then count only the engagement of the others.
create table engagement_actor (
    publication_id uuid not null references publication (id) on delete cascade,
    type           text not null,
    actor_id       text not null,
    primary key (publication_id, type, actor_id)
);

-- Posts published before this migration, within the collection window, start being read now.
insert into engagement_collection (publication_id, workspace_id, channel_id, network, external_id, published_at,
                                   next_reading_at)
select id, workspace_id, channel_id, network, external_id, published_at, now()
from publication
where state = 'published' and external_id is not null and network in ('bluesky', 'mastodon', 'x')
  and published_at > now() - interval '30 days';
