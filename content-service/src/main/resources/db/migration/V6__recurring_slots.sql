-- Recurring slots: an RFC 5545 RRULE read in the slot's time zone from its first occurrence (publish_at,
-- local_date_time). recurrence_end is the last occurrence (null: the series does not end).
alter table publication_slot
    add column rrule          text,
    add column recurrence_end timestamptz;
-- The calendar's recurring candidates of a workspace.
create index publication_slot_recurring on publication_slot (workspace_id, publish_at) where rrule is not null;

-- One occurrence of a recurring slot, moved (publish_at) or skipped.
create table slot_occurrence (
    slot_id         uuid        not null references publication_slot (id) on delete cascade,
    occurrence_date date        not null,
    workspace_id    text        not null,
    skipped         boolean     not null,
    publish_at      timestamptz,
    local_date_time timestamp,
    primary key (slot_id, occurrence_date)
);
-- Moved occurrences shown in the calendar at their new time.
create index slot_occurrence_moved on slot_occurrence (workspace_id, publish_at) where not skipped;
