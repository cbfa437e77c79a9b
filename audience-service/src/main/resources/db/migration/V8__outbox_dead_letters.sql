-- The outbox moved to platform (io.kogu.platform.outbox): an event is given up on (dead_at) once it could not be
-- delivered for kogu.outbox.dead-after, counted from created_at, or from revived_at after an admin retried it.
alter table outbox
    add column dead_at    timestamptz,
    add column revived_at timestamptz;
drop index outbox_due;
create index outbox_due on outbox (next_attempt_at) where delivered_at is null and dead_at is null;
create index outbox_dead on outbox (workspace_id, dead_at desc, id desc) where dead_at is not null;
