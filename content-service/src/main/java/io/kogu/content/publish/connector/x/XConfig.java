package io.kogu.content.publish.connector.x;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** {@code kogu.connectors.x.*}: where X's API is and Kogu's OAuth 2.0 client there (for token refresh). */
@ConfigMapping(prefix = "kogu.connectors.x")
public interface XConfig {

    @WithDefault("https://api.x.com")
    URI apiUrl();

    /** The OAuth 2.0 client id of Kogu's X app; without it tokens cannot be renewed. */
    Optional<String> clientId();

    /** The client secret of a confidential client (sent with HTTP Basic); absent for a public client. */
    Optional<String> clientSecret();
}
