package io.kogu.content.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where channel credentials get their encryption key. */
@ConfigMapping(prefix = "kogu.content.credentials")
public interface CredentialsConfig {

    /**
     * The development key: public in this repository, so it protects nothing. Production sets
     * {@code KOGU_CONTENT_CREDENTIALS_KEY}; the service warns at start when it runs with this one outside dev
     * and test.
     */
    String DEVELOPMENT_KEY = "DlhM0fOkRPQMysFi6YnikAKJBkqCDPKEqB+JfYAhZo4=";

    /** The AES-256 key, base64 of 32 random bytes ({@code head -c 32 /dev/urandom | base64}). */
    @WithDefault(DEVELOPMENT_KEY)
    String key();
}
