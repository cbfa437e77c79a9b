package io.kogu.platform.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The token a Kogu service shows when it calls another service in the background (no user behind the call):
 * issuer {@code kogu.service-tokens.issuer} (not the users' issuer), role {@code service}, {@code aud} the called
 * service, valid 5 minutes, signed with the service key pair's private key
 * ({@code kogu.service-tokens.private-key-location}). The callee accepts it only if it is the audience
 * ({@link TokenVerification}); the workspace travels in {@link Caller#WORKSPACE_HEADER}.
 */
@ApplicationScoped
public class ServiceTokens {

    /** The default issuer of service tokens; never the users' issuer. */
    public static final String ISSUER = "https://kogu.dev/services";
    public static final Duration VALID_FOR = Duration.ofMinutes(5);

    @ConfigProperty(name = "kogu.service-tokens.issuer", defaultValue = ISSUER)
    String issuer;

    @ConfigProperty(name = "kogu.service-tokens.private-key-location")
    Optional<String> privateKeyLocation;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    /** A token is used again while it has at least this much of its validity left. */
    static final Duration REUSE_WHILE_LEFT = Duration.ofMinutes(2);

    private record Signed(String token, Instant reuseUntil) {
    }

    private final Map<String, Signed> signed = new ConcurrentHashMap<>();

    /**
     * A token for a call to {@code audience}, the called service's name (its {@code quarkus.application.name}, e.g.
     * {@code metrics-service}). The same token serves the calls of a few minutes: an RSA signature per call cost
     * about as much CPU as the rest of an outbox delivery (bench/publishing).
     */
    public String sign(String audience) {
        Instant now = Instant.now();
        Signed cached = signed.get(audience);
        if (cached != null && now.isBefore(cached.reuseUntil())) {
            return cached.token();
        }
        String token = signNew(audience);
        signed.put(audience, new Signed(token, now.plus(VALID_FOR).minus(REUSE_WHILE_LEFT)));
        return token;
    }

    private String signNew(String audience) {
        String key = privateKeyLocation.orElseThrow(() -> new IllegalStateException(
                "kogu.service-tokens.private-key-location (KOGU_SERVICE_TOKENS_PRIVATE_KEY_LOCATION) names no signing key"));
        return Jwt.issuer(issuer).audience(audience).subject(serviceName).upn(serviceName)
                .groups(Set.of(Roles.SERVICE)).expiresIn(VALID_FOR).sign(key);
    }
}
