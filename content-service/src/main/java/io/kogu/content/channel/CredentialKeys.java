package io.kogu.content.channel;

import io.quarkus.runtime.LaunchMode;

import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys that seal channel credentials, each with an id that is stored beside what it sealed
 * ({@code channel.credentials_key_id}): the first key seals, every key opens what it sealed. Rotating is adding a
 * new key in front (see docs/content.md).
 */
public final class CredentialKeys {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    /** One AES-256 key and its id. Its {@code toString()} shows the id only. */
    public record Key(String id, SecretKeySpec spec) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final List<Key> keys;

    private CredentialKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Keys written as {@code id:base64}, newest first. */
    public static CredentialKeys of(String... entries) {
        return parse(List.of(entries));
    }

    /**
     * The configured keys. Outside dev and test mode the service refuses to start without one, and refuses the
     * public development key, unless {@code allow-development-key} says this is a local run ({@code ./kogu up});
     * in dev and test mode, and in the local run, no key means the development key.
     */
    public static CredentialKeys from(CredentialsConfig config, LaunchMode mode) {
        List<String> entries;
        if (config.keys().isPresent() && !config.keys().get().isEmpty()) {
            entries = config.keys().get();
        } else if (config.key().isPresent() && !config.key().get().isBlank()) {
            entries = List.of(CredentialsConfig.SINGLE_KEY_ID + ":" + config.key().get().trim());
        } else if (mode != LaunchMode.NORMAL || config.allowDevelopmentKey()) {
            entries = List.of("development:" + CredentialsConfig.DEVELOPMENT_KEY);
        } else {
            throw new IllegalStateException("No key for channel credentials: set KOGU_CONTENT_CREDENTIALS_KEYS "
                    + "(id:base64 of 32 random bytes, e.g. \"2026-11:$(head -c 32 /dev/urandom | base64)\")");
        }
        CredentialKeys keys = parse(entries);
        boolean development = entries.stream().anyMatch(e -> e.endsWith(":" + CredentialsConfig.DEVELOPMENT_KEY));
        if (development && mode == LaunchMode.NORMAL && !config.allowDevelopmentKey()) {
            throw new IllegalStateException("Channel credentials would be sealed with the public development key; "
                    + "set KOGU_CONTENT_CREDENTIALS_KEYS to a secret key of your own");
        }
        return keys;
    }

    private static CredentialKeys parse(List<String> entries) {
        List<Key> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).trim();
            if (!ID.matcher(id).matches()) {
                throw new IllegalStateException("kogu.content.credentials.keys: each key is id:base64, the id of "
                        + "letters, digits, '.', '_' or '-' (1 to 40)");
            }
            if (!ids.add(id)) {
                throw new IllegalStateException("kogu.content.credentials.keys: the key id " + id + " is listed twice");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("kogu.content.credentials.keys: the key " + id + " is not base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("kogu.content.credentials.keys: the key " + id
                        + " must be 32 bytes (AES-256), base64-encoded");
            }
            keys.add(new Key(id, new SecretKeySpec(raw, "AES")));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("kogu.content.credentials.keys is empty");
        }
        return new CredentialKeys(keys);
    }

    /** The key that seals. */
    public Key current() {
        return keys.get(0);
    }

    public Optional<Key> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Every key, newest first. */
    public List<Key> all() {
        return keys;
    }
}
