package io.kogu.content.publish.connector.facebook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** {@code kogu.connectors.facebook.*}: the Graph API host and the version Kogu speaks. */
@ConfigMapping(prefix = "kogu.connectors.facebook")
public interface FacebookConfig {

    @WithDefault("https://graph.facebook.com")
    URI apiUrl();

    /** A Graph API version still served (each lives about two years). */
    @WithDefault("v23.0")
    String version();

    /** The app id of Kogu's Meta app (OAuth client id), for connecting accounts (io.kogu.content.connect). */
    Optional<String> clientId();

    /** The app secret of Kogu's Meta app. */
    Optional<String> clientSecret();
}
