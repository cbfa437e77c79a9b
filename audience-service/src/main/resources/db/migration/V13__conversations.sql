-- The inbox (issue 13): items from the networks (comments, replies, mentions, direct messages) grouped into
-- conversations, with state, assignee, priority, tags, notes and the history of every change.

-- Text search ignoring case and accents: the service stores the text folded (ConversationText: ICU case folding as
-- CaseFold, then accents removed) and searches it with LIKE '%…%', which trigram indexes serve.
create extension if not exists pg_trgm;

create table conversation (
    id                uuid        primary key,
    workspace_id      text        not null,
    channel_id        uuid        not null,
    network           text        not null,
    kind              text        not null check (kind in ('thread', 'direct_message')),
    -- What groups items: the thread's root external id, or for direct messages 'dm:<channel>:<handle key>'.
    group_key         text        not null,
    publication_id    uuid,
    member_id         uuid        references member (id) on delete set null,
    state             text        not null default 'open' check (state in ('open', 'pending', 'closed')),
    assignee          text,
    priority          text        not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
    tags              varchar[]   not null default '{}',
    spam              boolean     not null default false,
    spam_score        double precision not null default 0,
    item_count        integer     not null default 0,
    last_text         text,
    last_author_handle text,
    first_item_at     timestamptz not null,
    last_item_at      timestamptz not null,
    -- The oldest item from a fan that nobody answered yet (null: nothing waits): "unanswered for N minutes".
    waiting_since     timestamptz,
    first_response_at timestamptz,
    closed_at         timestamptz,
    -- Folded text of its items and authors (bounded), for q.
    search_text       text        not null default '',
    version           bigint      not null default 0,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    unique (workspace_id, network, group_key)
);
-- The inbox lists latest activity first; one index per filter, each ending in the order, so that a first page
-- with a filter reads only its rows.
create index conversation_by_activity on conversation (workspace_id, last_item_at desc, id desc);
create index conversation_by_state on conversation (workspace_id, state, last_item_at desc, id desc);
create index conversation_by_channel on conversation (workspace_id, channel_id, last_item_at desc, id desc);
create index conversation_by_assignee on conversation (workspace_id, assignee, last_item_at desc, id desc);
create index conversation_by_priority on conversation (workspace_id, priority, last_item_at desc, id desc);
create index conversation_spam on conversation (workspace_id, last_item_at desc, id desc) where spam;
create index conversation_waiting on conversation (workspace_id, waiting_since) where waiting_since is not null;
create index conversation_tags on conversation using gin (tags);
create index conversation_search on conversation using gin (search_text gin_trgm_ops);
-- Response times read the conversations that began in a period.
create index conversation_by_first_item on conversation (workspace_id, first_item_at);

create table conversation_item (
    id                 uuid        primary key,
    workspace_id       text        not null,
    conversation_id    uuid        not null references conversation (id) on delete cascade,
    network            text        not null,
    channel_id         uuid        not null,
    external_id        text        not null,
    kind               text        not null check (kind in ('comment', 'reply', 'mention', 'direct_message')),
    parent_external_id text,
    root_external_id   text,
    publication_id     uuid,
    author_handle      text        not null,
    author_name        text,
    author_external_id text,
    member_id          uuid        references member (id) on delete set null,
    text               text        not null,
    media              jsonb       not null default '[]',
    url                text,
    occurred_at        timestamptz not null,
    from_us            boolean     not null default false,
    hidden             boolean     not null default false,
    spam_score         double precision not null default 0,
    created_at         timestamptz not null,
    unique (workspace_id, network, external_id)
);
create index conversation_item_in_order on conversation_item (conversation_id, occurred_at, id);
-- A member's timeline.
create index conversation_item_by_member on conversation_item (workspace_id, member_id) where member_id is not null;

create table conversation_history (
    id              uuid        primary key,
    workspace_id    text        not null,
    conversation_id uuid        not null references conversation (id) on delete cascade,
    action          text        not null,
    actor           text        not null,
    automated       boolean     not null default false,
    from_value      text,
    to_value        text,
    item_id         uuid,
    undo_of         uuid,
    undone_at       timestamptz,
    created_at      timestamptz not null
);
create index conversation_history_by_conversation on conversation_history (conversation_id, created_at desc, id desc);

create table conversation_note (
    id              uuid        primary key,
    workspace_id    text        not null,
    conversation_id uuid        not null references conversation (id) on delete cascade,
    author          text        not null,
    text            text        not null,
    created_at      timestamptz not null
);
create index conversation_note_by_conversation on conversation_note (conversation_id, created_at desc, id desc);
