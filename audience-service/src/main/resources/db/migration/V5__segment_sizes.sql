-- How many members each segment held, one row per segment and UTC day, so that the UI can draw its growth.
create table segment_size (
    segment_id   uuid        not null references segment (id) on delete cascade,
    workspace_id text        not null,
    day          date        not null,
    size         bigint      not null,
    counted_at   timestamptz not null,
    primary key (segment_id, day)
);
