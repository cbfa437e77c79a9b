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
        JwtClaims claims = new JwtClaims();
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
