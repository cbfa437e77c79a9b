package io.kogu.content.publish.connector.linkedin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** {@code kogu.connectors.linkedin.*}: LinkedIn's API, the API version Kogu speaks, and Kogu's OAuth client there. */
@ConfigMapping(prefix = "kogu.connectors.linkedin")
public interface LinkedInConfig {

    @WithDefault("https://api.linkedin.com")
    URI apiUrl();

    /**
     * The {@code LinkedIn-Version} header (YYYYMM). LinkedIn serves each version for at least a year, then sunsets
     * it: move it forward when LinkedIn announces the sunset.
     */
    @WithDefault("202510")
    String version();

    @WithDefault("https://www.linkedin.com/oauth/v2/accessToken")
    URI tokenUrl();

    Optional<String> clientId();

    Optional<String> clientSecret();
}
