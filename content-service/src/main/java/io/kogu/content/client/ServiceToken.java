package io.kogu.content.client;

import io.kogu.platform.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A copy of audience-service's ServiceToken until the lead merges both into platform (branch hard-security).
 * The token content-service shows when it calls another service in the background: role {@code service},
 * short-lived, signed with the key of {@code kogu.service-token.key-location} (./kogu and the tests pass the
 * development key; production mounts the service's own). The workspace travels in {@code Kogu-Workspace}.
 */
@ApplicationScoped
public class ServiceToken {

    @ConfigProperty(name = "kogu.service-token.issuer")
    String issuer;

    @ConfigProperty(name = "kogu.service-token.key-location")
    Optional<String> keyLocation;

    public String sign() {
        String key = keyLocation.orElseThrow(() -> new IllegalStateException(
                "kogu.service-token.key-location (KOGU_SERVICE_TOKEN_KEY_LOCATION) names no signing key"));
        return Jwt.issuer(issuer).subject("content-service").groups(Set.of(Roles.SERVICE))
                .expiresIn(Duration.ofMinutes(5)).sign(key);
    }
}
