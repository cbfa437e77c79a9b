-- A workspace's approval policy; a workspace without a row has the default (required, one approver).
create table approval_policy (
    workspace_id       text        primary key,
    approval_required  boolean     not null,
    required_approvals integer     not null check (required_approvals between 1 and 10),
    version            bigint      not null,
    updated_at         timestamptz not null
);

-- The distinct approvers of a draft's current content; emptied when the content changes.
alter table draft add column approved_by text[] not null default '{}';

-- Every state change of a draft: the audit history.
create table draft_transition (
    id           uuid        primary key,
    draft_id     uuid        not null references draft (id) on delete cascade,
    workspace_id text        not null,
    action       text        not null,
    from_status  text,
    to_status    text        not null,
    actor        text        not null,
    comment      text,
    created_at   timestamptz not null
);
create index draft_transition_by_draft on draft_transition (draft_id, created_at desc, id desc);

-- Drafts created before the history existed get their creation as the first step.
insert into draft_transition (id, draft_id, workspace_id, action, from_status, to_status, actor, created_at)
select gen_random_uuid(), id, workspace_id, 'create', null, status, created_by, created_at from draft;

-- Review comments.
create table draft_comment (
    id           uuid        primary key,
    draft_id     uuid        not null references draft (id) on delete cascade,
    workspace_id text        not null,
    author       text        not null,
    body         text        not null,
    created_at   timestamptz not null
);
create index draft_comment_by_draft on draft_comment (draft_id, created_at desc, id desc);
