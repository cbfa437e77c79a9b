-- Monitors (issue 14): saved queries over stories. Terms are kept as written; matching folds case and accents.
create table monitor (
    id           uuid        primary key,
    workspace_id text        not null,
    name         text        not null,
    all_terms    text[]      not null default '{}',
    any_terms    text[]      not null default '{}',
    none_terms   text[]      not null default '{}',
    tags         text[]      not null default '{}',
    webhook      boolean     not null default false,
    version      bigint      not null default 0,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index monitor_workspace on monitor (workspace_id, created_at desc, id desc);

create table monitor_match (
    monitor_id   uuid        not null references monitor (id) on delete cascade,
    story_id     uuid        not null references story (id) on delete cascade,
    workspace_id text        not null,
    matched_at   timestamptz not null,
    primary key (monitor_id, story_id)
);
-- The matches page (latest first) and the per-hour counts.
create index monitor_match_latest on monitor_match (monitor_id, matched_at desc, story_id desc);
create index monitor_match_story on monitor_match (story_id);
