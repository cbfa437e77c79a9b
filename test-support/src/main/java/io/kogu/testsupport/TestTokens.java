package io.kogu.testsupport;

import io.kogu.devkit.DevTokens;
import io.kogu.devkit.SigningKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Tokens for any workspace and role, and the bad ones a service must refuse. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A fresh workspace id, so that a test sees only its own data. */
    public static String newWorkspace() {
        return "ws-" + UUID.randomUUID();
    }

    public static String token(String workspace, String... roles) {
        return TestEnvironment.tokens().token(workspace, List.of(roles), "user-" + String.join("-", roles),
                Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token of a named person, to tell authors and approvers apart. */
    public static String tokenOf(String subject, String workspace, String... roles) {
        return TestEnvironment.tokens().token(workspace, List.of(roles), subject, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token of a named person whose {@code name} claim is {@code name}, as an OIDC provider sends it. */
    public static String tokenOfPersonNamed(String subject, String name, String workspace, String... roles) {
        return TestEnvironment.tokens().person(workspace, List.of(roles), subject, name, Instant.now().plus(Duration.ofHours(1)));
    }

    /**
     * A service token for a call to {@code audience} (a service's application name, e.g. {@code metrics-service}),
     * as platform {@code ServiceTokens} signs it: the services' issuer and key, role {@code service}. The call
     * names the workspace in {@code Kogu-Workspace}.
     */
    public static String service(String audience) {
        return new DevTokens(TestEnvironment.serviceKey().privateKey(), DevTokens.SERVICE_ISSUER)
                .serviceToken(audience, "test-service");
    }

    /** A service token for the service under test ({@code quarkus.application.name}). */
    public static String serviceForThisService() {
        return service(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.application.name", String.class));
    }

    /** Claims the services' issuer and role, but signed with the users' key: a forgery. */
    public static String serviceSignedWithTheUsersKey(String audience) {
        return new DevTokens(TestEnvironment.signingKey().privateKey(), DevTokens.SERVICE_ISSUER)
                .serviceToken(audience, "test-service");
    }

    /** The users' issuer and key, claiming the role {@code service}: not a service, whatever it claims. */
    public static String userClaimingTheServiceRole(String workspace) {
        return token(workspace, "service");
    }

    public static String expired(String workspace, String... roles) {
        return TestEnvironment.tokens().token(workspace, List.of(roles), "user", Instant.now().minus(Duration.ofHours(1)));
    }

    public static String wrongIssuer(String workspace, String... roles) {
        return new DevTokens(TestEnvironment.signingKey().privateKey(), "https://issuer.example.com")
                .token(workspace, List.of(roles), Duration.ofHours(1));
    }

    /** Signed with a key the services do not trust. */
    public static String wrongSignature(String workspace, String... roles) {
        try {
            SigningKey stranger = SigningKey.inFolder(Files.createTempDirectory("kogu-stranger-key"));
            return new DevTokens(stranger.privateKey()).token(workspace, List.of(roles), Duration.ofHours(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Unsigned, claiming {@code alg: none}: the classic forgery. */
    public static String algNone(String workspace, String... roles) {
        String signed = token(workspace, roles);
        String payload = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
