-- Erasure must win, also over events that arrive after it (a late collector run, a retried stream): the
-- handles of erased members, kept only as SHA-256 keys of the normalised handle (io.kogu.platform.text.Handles),
-- per workspace and network. Incoming events whose actor is an erased member id (member_erasure) or an erased
-- handle key are stored without actor. The clear handle is never kept.
create table erased_handle (
    workspace_id text        not null,
    network      text        not null,
    handle_key   bytea       not null,
    erased_at    timestamptz not null default now(),
    primary key (workspace_id, network, handle_key)
);

-- Incoming events look up their actors' member ids among the erased ones.
create index member_erasure_by_member on member_erasure (workspace_id, member_id);

-- Erasure matches handles case-insensitively, as audience-service does (lower(handle)); the old index on the
-- handle as written cannot answer that.
create index engagement_event_by_normalised_handle on engagement_event (workspace_id, actor_network, lower(actor_handle))
    where actor_handle is not null;
drop index engagement_event_by_handle;
