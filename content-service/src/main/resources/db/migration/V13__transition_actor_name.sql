-- Issue 11, "people": the name the actor's token gave (OIDC name, else preferred_username) when they made the move,
-- shown next to the subject in a draft's history. Null for older rows and for moves the service made itself.
alter table draft_transition add column actor_name text;
