-- Connecting accounts with OAuth 2.0 (issue 12, io.kogu.content.connect; docs/content.md "Connecting accounts").

-- When the channel's access token expires, where the network says (the channel's health on GET /v1/channels).
alter table channel add column token_expires_at timestamptz;

-- A connection started with POST /v1/channels/{id}/connect and not finished yet: the SHA-256 of its state (the state
-- itself is only in the authorization URL), the PKCE code verifier and what the token call needs, sealed with the
-- credential key (AES-GCM, associated data "<workspace>/connect/<state hash>"). Used once (deleted by the callback),
-- short-lived (expires_at; expired rows are removed when the next connection starts).
create table channel_connect_state (
    state_hash   text        primary key,
    workspace_id text        not null,
    channel_id   uuid        not null references channel (id) on delete cascade,
    network      text        not null,
    sealed       bytea       not null,
    key_id       text        not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null
);
create index channel_connect_state_expiry on channel_connect_state (expires_at);

-- Kogu's app on each Mastodon instance (POST /api/v1/apps, once per instance and redirect URI); the client secret
-- sealed with the credential key (associated data "mastodon-app/<instance>").
create table mastodon_app (
    instance_url  text        not null,
    redirect_uri  text        not null,
    scopes        text        not null,
    client_id     text        not null,
    client_secret bytea       not null,
    key_id        text        not null,
    created_at    timestamptz not null,
    primary key (instance_url, redirect_uri, scopes)
);

-- Token renewals, a kind of the platform job runner (docs/README.md "Background jobs"): a queued row is due once
-- its lease_until has passed, so a renewal is planned by writing lease_until = the token's expiry minus
-- kogu.oauth.refresh-before. One planned renewal per channel (planning again replaces the queued one).
create table channel_token_refresh (
    id           uuid        primary key,
    workspace_id text        not null,
    channel_id   uuid        not null references channel (id) on delete cascade,
    status       text        not null,
    attempts     integer     not null default 0,
    lease_owner  uuid,
    lease_until  timestamptz,
    last_error   text,
    created_at   timestamptz not null,
    finished_at  timestamptz
);
create index channel_token_refresh_due on channel_token_refresh (created_at) where status in ('queued', 'running');
create index channel_token_refresh_channel on channel_token_refresh (channel_id);
