-- When the current claim's network call began (null: claimed, but nothing sent yet). A replica that takes over a
-- dead replica's claim uses it to tell "may be out" (unconfirmed, unless a repeat is safe) from "certainly not
-- sent" (simply tried again). See docs/content.md, "Publishing".
alter table publication add column sending_at timestamptz;

-- The publisher claims due publications in (next_attempt_at, id) order: among the many due at the same instant the
-- random ids spread the claims over drafts, so concurrent attempts rarely wait for the same draft's row (settling
-- a draft locks it). The index serves that order without a sort.
drop index publication_due;
create index publication_due on publication (next_attempt_at, id) where state = 'queued';
