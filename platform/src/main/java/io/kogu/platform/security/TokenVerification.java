package io.kogu.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.kogu.platform.startup.BackgroundStart;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens of two issuers (replacing SmallRye JWT's parser, which knows one):
 * <ul>
 *   <li>a <b>user</b> token: the users' issuer and key ({@code mp.jwt.verify.*}, any OIDC provider). It may not
 *       carry the role {@code service}: such a token is refused, so no user token can name a workspace in
 *       {@code Kogu-Workspace};</li>
 *   <li>a <b>service</b> token ({@link ServiceTokens}): the services' own issuer ({@code kogu.service-tokens.issuer})
 *       and key ({@code kogu.service-tokens.public-key-location}), {@code aud} this service
 *       ({@code kogu.service-tokens.audience}, its application name) and the role {@code service}. A token made for
 *       another service is refused.</li>
 * </ul>
 * The unverified {@code iss} only picks which of the two checks applies; each then verifies signature, issuer
 * and expiry in full. Each check has a parser (and key cache) of its own.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@Startup // reads the services' key at start, not on the event loop of the first service call
public class TokenVerification implements JWTParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JWTAuthContextInfo userContext;

    @ConfigProperty(name = "kogu.service-tokens.issuer", defaultValue = ServiceTokens.ISSUER)
    String serviceIssuer;

    @ConfigProperty(name = "kogu.service-tokens.public-key-location")
    Optional<String> servicePublicKeyLocation;

    @ConfigProperty(name = "kogu.service-tokens.audience")
    String thisService;

    private JWTParser users;
    private JWTParser services;

    @PostConstruct
    void init() {
        if (serviceIssuer.equals(userContext.getIssuedBy())) {
            throw new IllegalStateException("kogu.service-tokens.issuer must differ from mp.jwt.verify.issuer: "
                    + "service tokens and user tokens are told apart by their issuer");
        }
        users = new DefaultJWTParser(userContext, new DefaultJWTCallerPrincipalFactory());
        if (servicePublicKeyLocation.isPresent()) {
            JWTAuthContextInfo service = new JWTAuthContextInfo(userContext);
            service.setIssuedBy(serviceIssuer);
            service.setPublicVerificationKey(null);
            service.setPublicKeyContent(null);
            service.setPublicKeyLocation(servicePublicKeyLocation.get());
            service.setTokenKeyId(null);
            service.setExpectedAudience(Set.of(thisService));
            service.setMaxTimeToLiveSecs(ServiceTokens.VALID_FOR.toSeconds() + 60);
            services = new DefaultJWTParser(service, new DefaultJWTCallerPrincipalFactory());
            JWTParser parser = services;
            BackgroundStart.run("service-token-key-warm-up", () -> warmUp(parser));
        }
    }

    /**
     * Makes the parser read its key (and load its JOSE classes) before the first service call, beside the start
     * rather than in it (about 0.1 s): a token that names the services' issuer but carries no valid signature is
     * refused, after the key was read (and cached by the parser).
     */
    private void warmUp(JWTParser parser) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + serviceIssuer + "\"}").getBytes(StandardCharsets.UTF_8));
        try {
            parser.parse(header + "." + claims + ".AAAA");
        } catch (ParseException | RuntimeException expected) {
            // Refused, as it must be; the key has been read.
        }
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (serviceIssuer.equals(unverifiedIssuer(token))) {
            if (services == null) {
                throw new ParseException("Service tokens are not accepted: kogu.service-tokens.public-key-location is not set");
            }
            JsonWebToken verified = services.parse(token);
            if (verified.getGroups() == null || !verified.getGroups().equals(Set.of(Roles.SERVICE))) {
                throw new ParseException("A service token carries the role service and no other");
            }
            return verified;
        }
        JsonWebToken verified = users.parse(token);
        if (verified.getGroups() != null && verified.getGroups().contains(Roles.SERVICE)) {
            throw new ParseException("Only the services' own issuer may give the role service");
        }
        return verified;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        throw new ParseException("Tokens are verified only with the configured issuers");
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        throw new ParseException("Tokens are verified only with the configured issuers");
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        throw new ParseException("Tokens are verified only with the configured issuers");
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        throw new ParseException("Tokens are verified only with the configured issuers");
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        throw new ParseException("Encrypted tokens are not used");
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        throw new ParseException("Encrypted tokens are not used");
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        throw new ParseException("Encrypted tokens are not used");
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return users.parseOnly(token);
    }

    /** The {@code iss} of a compact JWS, read without verifying anything; null when there is none. */
    static String unverifiedIssuer(String token) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return null;
            }
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode issuer = claims == null ? null : claims.get("iss");
            return issuer != null && issuer.isTextual() ? issuer.asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
