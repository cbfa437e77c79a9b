-- Replies (issue 13, io.kogu.content.reply; docs/content.md "Replies and conversation collection"): an answer to an
-- item on a network (a comment, a reply, a mention), posted through the channel's connector as a reply to it. The
-- id is the caller's (audience-service chooses it: a repeated request is the same reply). Replies are sent by the
-- same machinery as publications (io.kogu.content.publish.SendQueue: FOR UPDATE SKIP LOCKED claims with a lease,
-- sending_at before the network call, unconfirmed when the outcome is unknown and a repeat is not safe), so the
-- columns it works on have the same names and meaning as the publication's.
create table reply (
    id                   uuid        primary key,
    workspace_id         text        not null,
    channel_id           uuid        not null,
    network              text        not null,
    conversation_id      uuid,
    in_reply_to          text        not null,
    in_reply_to_root     text,
    in_reply_to_url      text,
    text                 text        not null,
    state                text        not null
        check (state in ('awaiting_approval', 'queued', 'publishing', 'published', 'failed', 'unconfirmed')),
    next_attempt_at      timestamptz not null,
    round_attempts       integer     not null default 0,
    claimed_by           text,
    lease_until          timestamptz,
    sending_at           timestamptz,
    reason               text,
    external_id          text,
    url                  text,
    published_at         timestamptz,
    created_by           text        not null,
    approved_by          text,
    version              bigint      not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
-- The replier's claims (as publication_due and publication_expired_lease).
create index reply_due on reply (next_attempt_at, id) where state = 'queued';
create index reply_expired_lease on reply (lease_until) where state = 'publishing';
-- GET /v1/replies?conversationId=: newest first.
create index reply_by_conversation on reply (workspace_id, conversation_id, created_at desc, id desc);

-- Whether replies wait for an approver (the workspace's approval policy; off unless set).
alter table approval_policy add column replies_need_approval boolean not null default false;
