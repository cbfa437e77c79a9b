-- Handles are matched in the form io.kogu.platform.text.Handles gives them per network (a leading @ ignored,
-- case ignored, Mastodon's user@instance kept whole): handle_key holds that form, written by the application
-- (MemberHandle), and is what the unique index and every lookup (resolve-handles, upsert by handle) use.
-- The backfill below is that form for the handles stored so far (it is lower(handle) without leading @ signs;
-- a Mastodon profile URL stored as a handle is left as the application's next write of it will fix).
alter table member_handle add column handle_key text;
update member_handle set handle_key = lower(regexp_replace(btrim(handle), '^@+', ''));
alter table member_handle alter column handle_key set not null;
drop index member_handle_unique;
create unique index member_handle_unique on member_handle (workspace_id, network, handle_key);

-- The handles of erased members, kept only as SHA-256 keys of the normalised handle (Handles.key), so that
-- resolve-handles with createMissingAs never brings an erased person back as a new potential fan.
create table erased_member_handle (
    workspace_id text        not null,
    network      text        not null,
    handle_key   bytea       not null,
    erased_at    timestamptz not null,
    primary key (workspace_id, network, handle_key)
);

-- What members did on the networks, as metrics-service counted it (POST /v1/member-engagement):
-- {"last30d": {"like": 3, "comment": 1}, "last90d": {...}}. Segment rules test engagement.<type>.last30d|last90d.
alter table member add column engagement jsonb not null default '{}'::jsonb;
