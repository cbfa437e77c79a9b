-- Crisis alerts (issue 13 item 5; io.kogu.metrics.alert, docs/alerts-model.md): inbox activity counted per
-- 15-minute bucket and scope, conversations waiting for an answer, alert rules and the alerts they raised.

-- Items counted, so that a delivery seen before counts nothing (idempotent by itemId). No text is kept.
create table inbox_item_seen (
    workspace_id text        not null,
    item_id      uuid        not null,
    occurred_at  timestamptz not null,
    primary key (workspace_id, item_id)
);

-- Counts per scope and bucket: scope 'workspace' (key ''), 'channel' (channel id), 'tag' (folded tag),
-- 'keyword' (folded keyword of a rule; matched at intake), 'monitor' (monitor id). waits_opened / waits_closed
-- are the conversations that began / stopped waiting for an answer in the bucket: the number waiting at a bucket's
-- end is their running sum.
create table inbox_activity_bucket (
    workspace_id text        not null,
    scope_kind   text        not null check (scope_kind in ('workspace', 'channel', 'tag', 'keyword', 'monitor')),
    scope_key    text        not null,
    bucket_start timestamptz not null,
    items        int         not null default 0,
    mentions     int         not null default 0,
    comments     int         not null default 0,
    spam         int         not null default 0,
    waits_opened int         not null default 0,
    waits_closed int         not null default 0,
    primary key (workspace_id, scope_kind, scope_key, bucket_start)
);

-- A conversation's wait for an answer, with the scopes it was counted in (so that its answer closes the same).
create table inbox_conversation_wait (
    workspace_id    text        not null,
    conversation_id uuid        not null,
    scopes          jsonb       not null default '[]',
    waiting_since   timestamptz,
    answered_at     timestamptz,
    primary key (workspace_id, conversation_id)
);

create table alert_rule (
    id                 uuid        primary key,
    workspace_id       text        not null,
    name               text        not null,
    metric             text        not null check (metric in ('mentions', 'comments', 'items', 'spam_share', 'unanswered')),
    scope_kind         text        not null check (scope_kind in ('workspace', 'channel', 'tag', 'keyword', 'monitor')),
    scope_key          text        not null,
    channel_id         uuid,
    keyword            text,        -- as the user wrote it; scope_key holds it folded
    tag                text,
    monitor_id         uuid,
    min_count          int         not null,
    persistence        smallint    not null check (persistence between 1 and 4),
    cooldown_minutes   int         not null,
    baseline_weeks     smallint    not null check (baseline_weeks between 1 and 8),
    time_zone          text        not null,
    enabled            boolean     not null,
    -- Replicas claim due rules with FOR UPDATE SKIP LOCKED; null while disabled.
    next_evaluation_at timestamptz,
    last_raised_at     timestamptz,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    version            bigint      not null
);
create index alert_rule_list on alert_rule (workspace_id, created_at desc, id desc);
create index alert_rule_due on alert_rule (next_evaluation_at) where enabled;
create index alert_rule_keywords on alert_rule (workspace_id) where scope_kind = 'keyword';

-- An alert outlives its rule (the rule's name is copied). created_at is when it was raised.
create table alert (
    id               uuid             primary key,
    workspace_id     text             not null,
    rule_id          uuid             not null,
    rule_name        text             not null,
    metric           text             not null,
    channel_id       uuid,
    keyword          text,
    tag              text,
    monitor_id       uuid,
    bucket_start     timestamptz      not null,
    count            bigint           not null,
    total            bigint,
    observed         double precision not null,
    expected         double precision not null,
    tail_probability double precision not null,
    created_at       timestamptz      not null,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    note             text,
    -- At most one alert per rule and bucket, whatever the replicas do (the cool-down is at least a bucket).
    unique (rule_id, bucket_start)
);
create index alert_list on alert (workspace_id, created_at desc, id desc);
create index alert_by_rule on alert (workspace_id, rule_id, created_at desc, id desc);
