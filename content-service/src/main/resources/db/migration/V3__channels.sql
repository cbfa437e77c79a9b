-- Connected accounts on the networks. Credentials are AES-GCM ciphertext (io.kogu.content.channel.CredentialCipher):
-- 12-byte nonce followed by the sealed JSON object; the row's id and workspace are its associated data, so a
-- ciphertext copied into another row does not decrypt.
create table channel (
    id                     uuid        primary key,
    workspace_id           text        not null,
    network                text        not null,
    handle                 text        not null,
    display_name           text,
    credentials            bytea,
    credentials_updated_at timestamptz,
    time_zone              text        not null,
    posting_windows        jsonb       not null default '[]',
    max_characters         integer,
    version                bigint      not null,
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);
-- Lists, newest first, optionally of one network; and the check that a draft's channels exist.
create index channel_by_creation on channel (workspace_id, created_at desc, id desc);
create index channel_by_network on channel (workspace_id, network, created_at desc, id desc);
