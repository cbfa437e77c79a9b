package io.kogu.content.connect;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kogu.oauth.*}: how accounts are connected with OAuth 2.0 (docs/content.md "Connecting accounts"). The
 * networks' client ids and secrets are the connectors' own settings ({@code kogu.connectors.<network>.client-id},
 * {@code .client-secret}; Instagram uses Facebook's, as one Meta app serves both); Mastodon needs none (Kogu
 * registers itself on each instance).
 */
@ConfigMapping(prefix = "kogu.oauth")
public interface OAuthConfig {

    /**
     * Where every network sends the browser back: the app's page that passes {@code code} and {@code state} to
     * {@code POST /v1/channel-connections}. Registered as the redirect URI of Kogu's app at every network.
     */
    @WithDefault("http://localhost:3000/oauth/callback")
    URI redirectUri();

    /** How long a started connection waits for its callback. */
    @WithDefault("PT10M")
    Duration stateTtl();

    /** How long before a renewable token expires Kogu renews it. */
    @WithDefault("PT10M")
    Duration refreshBefore();

    /** The name Kogu registers under on Mastodon instances ({@code client_name}). */
    @WithDefault("Kogu")
    String clientName();

    /** Kogu's web site, shown by Mastodon beside the app's name. */
    Optional<String> website();

    /** Scopes asked per network, when they differ from the defaults in docs/content.md ({@code kogu.oauth.scopes.x=…}). */
    Map<String, String> scopes();

    /** Authorization pages per network, when they differ from the real ones ({@code kogu.oauth.authorize-url.x=…}). */
    Map<String, URI> authorizeUrl();
}
