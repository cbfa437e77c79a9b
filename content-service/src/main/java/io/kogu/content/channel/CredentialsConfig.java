package io.kogu.content.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Where channel credentials get their encryption keys ({@link CredentialKeys}). */
@ConfigMapping(prefix = "kogu.content.credentials")
public interface CredentialsConfig {

    /**
     * The development key: public in this repository, so it protects nothing. It is used only in dev and test
     * mode without a configured key, and by the local run ({@code ./kogu up}), which allows it explicitly.
     */
    String DEVELOPMENT_KEY = "DlhM0fOkRPQMysFi6YnikAKJBkqCDPKEqB+JfYAhZo4=";

    /** The id under which a single {@link #key()} (the setting from before key ids) seals. */
    String SINGLE_KEY_ID = "default";

    /**
     * AES-256 keys as {@code id:base64} ({@code head -c 32 /dev/urandom | base64}), newest first
     * ({@code KOGU_CONTENT_CREDENTIALS_KEYS=2026-11:…,2025-01:…}): the first seals, all open.
     */
    Optional<List<String>> keys();

    /** One key without an id (base64), as configured before key ids; it seals under the id {@code default}. */
    Optional<String> key();

    /** Lets a normal (production) run use the public development key: the local run only. */
    @WithDefault("false")
    boolean allowDevelopmentKey();
}
