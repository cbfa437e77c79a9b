-- When the team means to publish a draft (a plan; scheduling happens after approval). Imports fill it.
alter table draft add column planned_at timestamptz;

-- Bulk imports of drafts, run as jobs. The file is kept with its job until the job ends.
create table import_job (
    id           uuid        primary key,
    workspace_id text        not null,
    created_by   text        not null,
    format       text        not null,
    status       text        not null,
    total        integer     not null default 0,
    processed    integer     not null default 0,
    created      integer     not null default 0,
    failed       integer     not null default 0,
    errors       jsonb       not null default '[]',
    message      text,
    payload      text,
    created_at   timestamptz not null,
    finished_at  timestamptz
);
create index import_job_by_workspace on import_job (workspace_id, created_at desc);
