package io.kogu.devkit;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs tokens like the ones an OIDC provider issues to Kogu users, for local runs and tests. */
public final class DevTokens {

    /** The issuer of development tokens; the services trust it unless configured otherwise. */
    public static final String ISSUER = "https://kogu.dev/local";
    /** The issuer of service tokens (platform {@code ServiceTokens.ISSUER}), signed with the services' own key. */
    public static final String SERVICE_ISSUER = "https://kogu.dev/services";

    private final PrivateKey key;
    private final String issuer;

    public DevTokens(PrivateKey key) {
        this(key, ISSUER);
    }

    public DevTokens(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public String token(String workspace, List<String> roles, Duration validFor) {
        return token(workspace, roles, "dev-" + String.join("-", roles), Instant.now().plus(validFor));
    }

    public String token(String workspace, List<String> roles, String subject, Instant expiresAt) {
        return token(workspace, roles, subject, expiresAt, null);
    }

    /**
     * A person's token: {@code subject} as {@code sub}, and {@code name} (when not null) as the OIDC {@code name}
     * claim the services keep with what the person does.
     */
    public String person(String workspace, List<String> roles, String subject, String name, Instant expiresAt) {
        return token(workspace, roles, subject, expiresAt, null, name);
    }

    /**
     * A token like the ones a service signs for its background calls: role {@code service}, no workspace claim
     * (the call names it in {@code Kogu-Workspace}), {@code aud} the called service. Sign with the services' key
     * and {@link #SERVICE_ISSUER} to make a valid one.
     */
    public String serviceToken(String audience, String subject) {
        return token(null, List.of("service"), subject, Instant.now().plus(Duration.ofMinutes(5)), audience);
    }

    private String token(String workspace, List<String> roles, String subject, Instant expiresAt, String audience) {
        return token(workspace, roles, subject, expiresAt, audience, null);
    }

    private String token(String workspace, List<String> roles, String subject, Instant expiresAt, String audience,
            String name) {
        JwtClaims claims = new JwtClaims();
        if (name != null) {
            claims.setClaim("name", name);
        }
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Math.min(Instant.now().getEpochSecond(),
                expiresAt.getEpochSecond() - 1)));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setStringListClaim("groups", roles);
        if (workspace != null) {
            claims.setClaim("workspace", workspace);
        }
        if (audience != null) {
            claims.setAudience(audience);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a development token", e);
        }
    }
}
