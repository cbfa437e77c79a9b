-- Everything the audience issue knows about a member.
alter table member
    add column external_id         text,
    add column language            text,
    add column city                text,
    add column followed_since      timestamptz,
    add column last_interaction_at timestamptz,
    add column engagement_score    double precision,
    add column marketing_consent   boolean not null default false,
    -- Custom attributes, each of the type its attribute_definition declares (checked when written).
    add column attributes          jsonb   not null default '{}'::jsonb;

create unique index member_external_id on member (workspace_id, external_id) where external_id is not null;
-- Segment rules: tags and attribute equality through GIN, the other fields through btree per workspace.
create index member_tags on member using gin (tags);
create index member_attributes on member using gin (attributes jsonb_path_ops);
create index member_by_relationship on member (workspace_id, relationship);
create index member_by_language on member (workspace_id, language);
create index member_by_last_interaction on member (workspace_id, last_interaction_at);
create index member_by_followed_since on member (workspace_id, followed_since);
create index member_by_engagement on member (workspace_id, engagement_score);
create index member_handle_by_network on member_handle (workspace_id, network, member_id);

-- Custom member attributes: declared once per workspace, with a type that never changes.
create table attribute_definition (
    id           uuid        primary key,
    workspace_id text        not null,
    key          text        not null,
    type         text        not null check (type in ('string', 'number', 'boolean', 'date')),
    created_at   timestamptz not null,
    unique (workspace_id, key)
);
create index attribute_definition_by_creation on attribute_definition (workspace_id, created_at desc, id desc);

-- Segments are dynamic (a rule tree) or static (an explicit list).
alter table segment
    add column kind text not null default 'dynamic' check (kind in ('dynamic', 'static')),
    alter column rule drop not null;

create table segment_member (
    segment_id   uuid        not null references segment (id) on delete cascade,
    member_id    uuid        not null references member (id) on delete cascade,
    workspace_id text        not null,
    added_at     timestamptz not null,
    primary key (segment_id, member_id)
);
create index segment_member_by_member on segment_member (member_id);
