-- The id of the key that sealed a channel's credentials (io.kogu.content.channel.CredentialKeys), so that keys can
-- be rotated: the newest key seals, every configured key opens what it sealed, and CredentialRotation re-seals
-- the rows of older keys. Null: sealed before key ids were stored (any configured key is tried).
alter table channel add column credentials_key_id text;
