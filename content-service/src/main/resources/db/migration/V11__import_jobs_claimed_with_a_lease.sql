-- Import jobs are run by the platform job runner (io.kogu.platform.jobs): any replica claims a due job with
-- FOR UPDATE SKIP LOCKED and a lease, renews the lease while it works, and a job whose replica died is taken
-- over once its lease has run out. See docs/README.md, "Background jobs".
alter table import_job
    add column attempts    integer not null default 0,
    add column lease_owner uuid,
    add column lease_until timestamptz,
    add column last_error  text;
create index import_job_due on import_job (created_at) where status in ('queued', 'running');

-- The files jobs work through, in parts of 1 MiB (streamed in and out one part at a time), instead of a pod's
-- disk or one text column. Deleted when the job ends.
create table job_upload (
    job_id uuid    not null,
    part   integer not null,
    data   bytea   not null,
    primary key (job_id, part)
);

-- Queued jobs of the old code keep their file and run; a job the old code was running when its service stopped
-- cannot be resumed safely (its progress was committed apart from its drafts): it ends failed.
insert into job_upload (job_id, part, data)
select id, 0, convert_to(payload, 'UTF8') from import_job where status = 'queued' and payload is not null;
update import_job set status = 'failed', finished_at = now(), payload = null,
    message = 'The import stopped when the service was updated; the rows counted as created are saved'
where status = 'running';
alter table import_job drop column payload;
