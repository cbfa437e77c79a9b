-- Scheduled delivery of period reports (issue 16 item 3): subscriptions, one delivery per subscription and period
-- (the delivery log), and the reports those deliveries made, kept for download for a while.

create table report_subscription (
    id            uuid        primary key,
    workspace_id  text        not null,
    name          text        not null,
    cadence       text        not null check (cadence in ('weekly', 'monthly')),
    weekday       smallint    check (weekday between 1 and 7),           -- ISO: 1 = Monday
    day_of_month  smallint    check (day_of_month between 1 and 28),
    time_of_day   time        not null,
    time_zone     text        not null,
    language      text        not null,
    format        text        not null check (format in ('pdf', 'html')),
    channel_ids   jsonb       not null default '[]',
    network       text,
    campaign      text,
    tag           text,
    segment_id    uuid,
    top_count     int         not null,
    recipients    jsonb       not null default '[]',
    webhook       boolean     not null,
    enabled       boolean     not null,
    -- When the next report goes out; null while disabled. Replicas claim due rows with FOR UPDATE SKIP LOCKED.
    next_due_at   timestamptz,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null
);
create index report_subscription_list on report_subscription (workspace_id, created_at desc, id desc);
create index report_subscription_due on report_subscription (next_due_at) where enabled;

create table report_delivery (
    id                uuid        primary key,
    workspace_id      text        not null,
    subscription_id   uuid        not null references report_subscription (id) on delete cascade,
    period_from       timestamptz not null,
    period_to         timestamptz not null,
    due_at            timestamptz not null,
    time_zone         text        not null,
    status            text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts          int         not null default 0,
    recipients        int         not null,
    emailed_at        timestamptz,
    webhook_queued_at timestamptz,
    report_id         uuid,
    last_error        text,
    created_at        timestamptz not null,
    delivered_at      timestamptz,
    -- One delivery per subscription and period, whatever the number of replicas.
    unique (subscription_id, period_from)
);
create index report_delivery_list on report_delivery (subscription_id, created_at desc, id desc);

create table stored_report (
    id           uuid        primary key,
    workspace_id text        not null,
    delivery_id  uuid        not null,
    format       text        not null,
    language     text        not null,
    file_name    text        not null,
    summary      text        not null,    -- the e-mail's text: headline figures in the report's language
    body         bytea       not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null
);
create index stored_report_expiry on stored_report (expires_at);
