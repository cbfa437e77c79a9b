-- Issue 13 (lane spam): moderation rules, applied in order to every new conversation item (Moderation.decide),
-- and the log of every application. The log keeps the rule's name as it was, so it outlives a deleted rule.
create table moderation_rule (
    id           uuid        primary key,
    workspace_id text        not null,
    name         text        not null,
    enabled      boolean     not null,
    position     integer     not null,
    conditions   jsonb       not null,
    actions      jsonb       not null,
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

create index moderation_rule_order on moderation_rule (workspace_id, position, created_at, id);

create table moderation_log (
    id           uuid             primary key,
    workspace_id text             not null,
    rule_id      uuid             not null,
    rule_name    text             not null,
    network      text,
    channel_id   text,
    kind         text,
    spam_score   double precision not null,
    spam         boolean          not null,
    actions      jsonb            not null,
    occurred_at  timestamptz,
    applied_at   timestamptz      not null
);

create index moderation_log_newest on moderation_log (workspace_id, applied_at desc, id desc);
create index moderation_log_rule_newest on moderation_log (workspace_id, rule_id, applied_at desc, id desc);
