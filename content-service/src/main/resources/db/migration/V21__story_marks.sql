-- Each person's marks on a story (issue 14): read, saved. subject is the token's subject.
create table story_mark (
    story_id     uuid        not null references story (id) on delete cascade,
    subject      text        not null,
    workspace_id text        not null,
    read         boolean     not null default false,
    saved        boolean     not null default false,
    updated_at   timestamptz not null,
    primary key (story_id, subject)
);
create index story_mark_subject on story_mark (workspace_id, subject, story_id);
