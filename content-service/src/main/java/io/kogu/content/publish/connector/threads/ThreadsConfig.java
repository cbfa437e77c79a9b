package io.kogu.content.publish.connector.threads;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;
import java.time.Duration;

/** {@code kogu.connectors.threads.*}: the Threads API host, version, and how long to wait for a container. */
@ConfigMapping(prefix = "kogu.connectors.threads")
public interface ThreadsConfig {

    @WithDefault("https://graph.threads.net")
    URI apiUrl();

    @WithDefault("v1.0")
    String version();

    /** Between reads of a container's status. */
    @WithDefault("2s")
    Duration pollInterval();

    /** How long one attempt waits for a container; then the next attempt goes on with the same container. */
    @WithDefault("30s")
    Duration maxWait();

    /** When to try again once the account's 24-hour publishing limit is reached. */
    @WithDefault("1h")
    Duration limitRetry();

    /** The app id of Kogu's Meta app (OAuth client id), for connecting accounts (io.kogu.content.connect). */
    Optional<String> clientId();

    /** The app secret of Kogu's Meta app. */
    Optional<String> clientSecret();
}
