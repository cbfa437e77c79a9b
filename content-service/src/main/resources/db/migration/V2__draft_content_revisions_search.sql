-- Drafts, complete: target channels, per-channel variants, media, link, campaign, internal notes.
alter table draft
    add column channel_ids uuid[]  not null default '{}',
    add column variants    jsonb   not null default '[]',
    add column media       jsonb   not null default '[]',
    add column link        text,
    add column campaign    text,
    add column notes       text,
    add column revision    integer not null default 1,
    -- Full-text search over title and body. 'simple' does not stem: a workspace writes in any language,
    -- and a wrong stemmer is worse than none. The title weighs more than the body.
    add column search_vector tsvector generated always as (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) stored;

create index draft_search on draft using gin (search_vector);
create index draft_by_channel on draft using gin (channel_ids);
create index draft_by_campaign on draft (workspace_id, campaign, created_at desc, id desc);
create index draft_by_author on draft (workspace_id, created_by, created_at desc, id desc);

-- Every save of a draft's content: the history that an editor can read and restore.
create table draft_revision (
    id            uuid        primary key,
    draft_id      uuid        not null references draft (id) on delete cascade,
    workspace_id  text        not null,
    number        integer     not null,
    content       jsonb       not null,
    restored_from integer,
    created_by    text        not null,
    created_at    timestamptz not null,
    unique (draft_id, number)
);
-- Revisions of a draft, newest first (the unique index above serves get-by-number).
create index draft_revision_by_draft on draft_revision (draft_id, created_at desc, id desc);
