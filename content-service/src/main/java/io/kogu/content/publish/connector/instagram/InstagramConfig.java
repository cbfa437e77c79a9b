package io.kogu.content.publish.connector.instagram;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/**
 * {@code kogu.connectors.instagram.*}: the Graph API host ({@code graph.facebook.com} for Instagram accounts
 * connected through a Facebook Page, {@code graph.instagram.com} for Instagram Login), version, and how long to wait
 * for a container.
 */
@ConfigMapping(prefix = "kogu.connectors.instagram")
public interface InstagramConfig {

    @WithDefault("https://graph.facebook.com")
    URI apiUrl();

    @WithDefault("v23.0")
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
}
