-- The idempotency_key table of io.kogu.platform.idempotency.Idempotency, in every service's database: this
-- file, in the platform jar's db/platform (a Flyway location of every service), is its one source.
-- Repeatable: Flyway applies it after the service's own versioned migrations whenever this text changes, so
-- every statement here must stay idempotent. The services' V1 migrations created the table before it moved
-- here; an applied migration is never edited, so on those databases the first statement does nothing.
-- "already exists, skipping" notices are expected here, not worth a warning in every start's log.
set local client_min_messages = warning;

create table if not exists idempotency_key (
    workspace_id     text        not null,
    operation        text        not null,
    idempotency_key  text        not null,
    request_hash     text        not null,
    response_status  integer,
    response_headers jsonb,
    response_body    text,
    created_at       timestamptz not null default now(),
    primary key (workspace_id, operation, idempotency_key)
);

-- Rows expire (kogu.idempotency.ttl); the cleanup in every replica finds them by age.
create index if not exists idempotency_key_created_at on idempotency_key (created_at);

-- Rows written before the request hash became an HMAC hold a plain SHA-256 of bodies that may carry
-- credentials: forget them (a retry of such a create within the day runs as a new request).
delete from idempotency_key where request_hash not like 'hmac-sha256:%';
