-- Issue 13 (lane spam): near-duplicate detection. The SimHash fingerprint of every recent item of a workspace
-- that has enough words to have one (moderation/SimHash); NearDuplicates compares a new item with the most
-- recent ones in a bounded window and removes rows older than the window as new ones come.
create table moderation_fingerprint (
    workspace_id text        not null,
    fingerprint  bigint      not null,
    seen_at      timestamptz not null
);

create index moderation_fingerprint_recent on moderation_fingerprint (workspace_id, seen_at desc);
