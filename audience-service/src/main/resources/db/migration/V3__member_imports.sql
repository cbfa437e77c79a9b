-- An import of members from a file, worked through in batches; clients poll it for progress.
create table member_import (
    id           uuid        primary key,
    workspace_id text        not null,
    format       text        not null check (format in ('csv', 'ndjson')),
    status       text        not null check (status in ('running', 'completed', 'failed')),
    total        bigint      not null,
    processed    bigint      not null default 0,
    created      bigint      not null default 0,
    updated      bigint      not null default 0,
    unchanged    bigint      not null default 0,
    failed       bigint      not null default 0,
    -- The first bad rows: [{"line": 7, "field": "country", "message": "..."}].
    errors       jsonb       not null default '[]'::jsonb,
    created_at   timestamptz not null,
    finished_at  timestamptz
);
create index member_import_by_workspace on member_import (workspace_id, created_at desc);
