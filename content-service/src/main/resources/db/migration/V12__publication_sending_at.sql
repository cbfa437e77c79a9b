-- When the current claim's network call began (null: claimed, but nothing sent yet). A replica that takes over a
-- dead replica's claim uses it to tell "may be out" (unconfirmed, unless a repeat is safe) from "certainly not
-- sent" (simply tried again). See docs/content.md, "Publishing".
alter table publication add column sending_at timestamptz;
