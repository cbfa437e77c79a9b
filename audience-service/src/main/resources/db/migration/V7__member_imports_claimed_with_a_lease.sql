-- Member imports are run by the platform job runner (io.kogu.platform.jobs): any replica claims a due job with
-- FOR UPDATE SKIP LOCKED and a lease, renews the lease while it works, and a job whose replica died is taken
-- over once its lease has run out and resumed after its last committed batch. See docs/README.md,
-- "Background jobs".
alter table member_import
    add column attempts    integer not null default 0,
    add column lease_owner uuid,
    add column lease_until timestamptz,
    add column last_error  text;
create index member_import_due on member_import (created_at) where status in ('queued', 'running');

-- The files jobs work through, in parts of 1 MiB (streamed in and out one part at a time), instead of a pod's
-- /tmp. Deleted when the job ends.
create table job_upload (
    job_id uuid    not null,
    part   integer not null,
    data   bytea   not null,
    primary key (job_id, part)
);

-- A job the old code was running kept its file in a pod's /tmp, which is gone: it ends failed.
update member_import set status = 'failed', finished_at = now(),
    errors = errors || '[{"line": 0, "message": "the import stopped when the service was updated; the rows counted are saved"}]'::jsonb
where status = 'running';
