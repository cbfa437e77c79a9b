package io.kogu.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every Kogu service must do the same way, checked through HTTP. A service's test class extends this,
 * annotated with {@code @QuarkusTest}, and names one of its read endpoints.
 */
public abstract class ServiceConventionsTests {

    protected final Contract contract = Contract.ofThisService();

    /** A path of a GET endpoint that needs a token, e.g. {@code /v1/drafts}. */
    protected abstract String protectedPath();

    @Test
    void servesItsContractDocumentUnchanged() throws IOException {
        JsonNode served = new ObjectMapper().readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        JsonNode document;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("META-INF/contract/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertThat(served).isEqualTo(document);
    }

    @Test
    void servesItsContractDocumentAsYamlByteForByte() throws IOException {
        byte[] bundled;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/contract/openapi.yaml")) {
            bundled = in.readAllBytes();
        }
        byte[] served = given().get("/q/openapi").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/yaml")).extract().asByteArray();
        assertThat(served).isEqualTo(bundled);
        JsonNode asJson = new ObjectMapper().readTree(given().get("/q/openapi.json").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/json")).extract().asString());
        assertThat(asJson).isEqualTo(new ObjectMapper(new YAMLFactory()).readTree(bundled));
    }

    @Test
    void refusesToChangeItsContractDocument() {
        given().contentType(ContentType.JSON).body("{}").post("/q/openapi").then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS").contentType("application/problem+json");
    }

    @Test
    void servesSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void isReadyWithItsDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "viewer");
        given().auth().oauth2(token).get("/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404))
                .body("requestId", notNullValue());
    }

    @Test
    void echoesTheCallersRequestId() {
        given().filter(contract.responsesOnly()).header("X-Request-Id", "trace-42").get(protectedPath()).then()
                .header("X-Request-Id", "trace-42").body("requestId", equalTo("trace-42"));
    }

    @Test
    void refusesCallsWithoutAToken() {
        given().filter(contract.responsesOnly()).get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @Test
    void refusesBadTokens() {
        String workspace = TestTokens.newWorkspace();
        for (String token : new String[] {TestTokens.expired(workspace, "admin"), TestTokens.wrongIssuer(workspace, "admin"),
                TestTokens.wrongSignature(workspace, "admin"), TestTokens.algNone(workspace, "admin"), "not-a-jwt"}) {
            given().filter(contract.responsesOnly()).auth().oauth2(token).get(protectedPath()).then().statusCode(401)
                    .contentType("application/problem+json").body("status", equalTo(401));
        }
    }

    @Test
    void refusesATokenWithoutAWorkspace() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(null, "admin")).get(protectedPath())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aUserTokenClaimingTheServiceRoleCannotNameAWorkspace() {
        String victim = TestTokens.newWorkspace();
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.userClaimingTheServiceRole(TestTokens.newWorkspace()))
                .header(WORKSPACE_HEADER, victim).get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aServiceTokenMadeForAnotherServiceIsRefused() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.service("some-other-service"))
                .header(WORKSPACE_HEADER, TestTokens.newWorkspace()).get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aServiceTokenSignedWithTheUsersKeyIsRefused() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.serviceSignedWithTheUsersKey(thisService()))
                .header(WORKSPACE_HEADER, TestTokens.newWorkspace()).get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json");
    }

    /** Authenticated, but the service role is admitted only where a background call needs it, not on reads. */
    @Test
    void aServiceTokenIsAdmittedOnlyWhereABackgroundCallNeedsIt() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.service(thisService()))
                .header(WORKSPACE_HEADER, TestTokens.newWorkspace()).get(protectedPath()).then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static final String WORKSPACE_HEADER = "Kogu-Workspace";

    private static String thisService() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    }

    // --- The HTTP edge (issue 10, items 4, 6, 8, 11, 18): what every service refuses before a resource runs ---

    @Test
    void aLargeBodyOnASmallRouteIsA413Problem() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "admin");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("\"" + "a".repeat(3 * 1024 * 1024) + "\"")
                .post(protectedPath()).then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("requestId", notNullValue());
    }

    @Test
    void aBodyOverHttp2IsReadAsOverHttp11() throws Exception {
        // java.net.http asks for HTTP/2 (an h2c upgrade on http://), as many clients do: the answer must be the one
        // an HTTP/1.1 client gets, never a 500 ("Request has already been read", quarkusio/quarkus#56595).
        String token = TestTokens.token(TestTokens.newWorkspace(), "admin");
        java.net.URI uri = java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + protectedPath());
        int overHttp11 = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").post(protectedPath())
                .then().extract().statusCode();
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) { // the upgrade request, then requests on the upgraded connection
            java.net.http.HttpResponse<String> response = http2.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(overHttp11);
        }
    }

    @Test
    void aLargeChunkedBodyOnASmallRouteIsA413Problem() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "admin");
        byte[] chunk = "a".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.InputStream endless = new java.io.InputStream() {
            private long left = 3L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(length, chunk.length), left);
                System.arraycopy(chunk, 0, buffer, offset, n);
                left -= n;
                return n;
            }
        };
        // An InputStream body goes out chunked, without Content-Length: the bound holds while it streams.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(endless).post(protectedPath()).then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void aTooLongUriIsA414Problem() {
        given().get(protectedPath() + "?x=" + "a".repeat(5000)).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414)).body("requestId", notNullValue());
    }

    @Test
    void tooLargeHeadersAreA431Problem() {
        given().header("X-Padding", "a".repeat(30 * 1024)).get(protectedPath()).then().statusCode(431)
                .contentType("application/problem+json").body("status", equalTo(431));
    }

    @Test
    void nulInAQueryParameterIsA400NamingIt() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "viewer");
        given().urlEncodingEnabled(false).auth().oauth2(token).get(protectedPath() + "?q=a%00b").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("q"));
    }

    @Test
    void overlongUtf8AndLoneSurrogatesInAQueryParameterAreA400() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "viewer");
        for (String bad : new String[] {"%C0%AF", "%ED%A0%80", "%E2%82"}) {
            given().urlEncodingEnabled(false).auth().oauth2(token).get(protectedPath() + "?q=" + bad).then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        }
    }

    @Test
    void aWorkspaceClaimThatIsNotAStringIsA401() {
        for (Object claim : new Object[] {42, java.util.List.of("a", "b"), java.util.Map.of("id", "a")}) {
            given().filter(contract.responsesOnly()).auth().oauth2(tokenWithWorkspaceClaim(claim)).get(protectedPath())
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void workspaceIdsDotAndDotDotAreRefused() {
        for (String workspace : new String[] {".", "..", "-a", "a/b"}) {
            given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "admin")).get(protectedPath())
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void aMethodThePathDoesNotHaveIsA405Problem() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "admin");
        given().auth().oauth2(token).delete(protectedPath()).then().statusCode(405)
                .contentType("application/problem+json").body("requestId", notNullValue());
    }

    @Test
    void anUnacceptableAcceptIsA406Problem() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "admin");
        given().auth().oauth2(token).accept("application/xml").get(protectedPath()).then().statusCode(406)
                .contentType("application/problem+json").body("requestId", notNullValue());
    }

    @Test
    void unknownPathsDoNotBecomeMetricLabels() {
        String probe = "no-such-" + java.util.UUID.randomUUID();
        String token = TestTokens.token(TestTokens.newWorkspace(), "admin");
        // Unknown paths, answered with every kind of 4xx a caller can provoke: none may become a label.
        given().get("/v1/" + probe).then().statusCode(404);
        given().auth().oauth2(token).delete("/v1/" + probe).then().statusCode(404);
        given().urlEncodingEnabled(false).get("/v1/" + probe + "?q=%00").then().statusCode(400);
        given().contentType(ContentType.JSON).body("\"" + "a".repeat(3 * 1024 * 1024) + "\"").post("/v1/" + probe)
                .then().statusCode(413);
        given().auth().oauth2(token).delete(protectedPath() + (protectedPath().contains("?") ? "&" : "?") + "p=" + probe)
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().auth().oauth2(token).accept("application/xml").get(protectedPath().replaceFirst("[0-9a-f-]{36}", probe))
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(probe);
    }

    // --- Browsers (issue 11, item 1): CORS from the allow-list, a relative server in the served document ---

    /** In the test profile's allow-list (platform microprofile-config.properties), as in ./kogu up. */
    private static final String ALLOWED_ORIGIN = "http://localhost:5173";

    @Test
    void servesARelativeServerSoSwaggerUiWorksOnAnyHostAndPort() throws IOException {
        JsonNode served = new ObjectMapper().readTree(given().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        assertThat(served.path("servers")).isNotEmpty();
        for (JsonNode server : served.path("servers")) {
            assertThat(server.path("url").asText()).as("a server URL without scheme and host").startsWith("/")
                    .doesNotStartWith("//");
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginNeedsNoTokenAndIsCached() {
        given().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key")
                .options(protectedPath()).then().statusCode(200)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("PATCH"))
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsStringIgnoringCase("if-match"))
                .header("Access-Control-Max-Age", "7200")
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void anAllowedOriginMayReadTheHeadersAClientNeeds() {
        String token = TestTokens.token(TestTokens.newWorkspace(), "viewer");
        String exposed = given().filter(contract.responsesOnly()).header("Origin", ALLOWED_ORIGIN).auth().oauth2(token)
                .get(protectedPath()).then().header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .extract().header("Access-Control-Expose-Headers");
        assertThat(exposed).isNotNull();
        assertThat(java.util.Arrays.stream(exposed.split(",")).map(String::trim).toList())
                .contains("ETag", "Location", "X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                        "RateLimit-Reset");
    }

    @Test
    void anOriginOutsideTheAllowListGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options(protectedPath()).then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        String token = TestTokens.token(TestTokens.newWorkspace(), "viewer");
        given().header("Origin", "https://evil.example").auth().oauth2(token).get(protectedPath()).then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    /** A token signed by the trusted issuer whose {@code workspace} claim is {@code claim}, of any JSON type. */
    protected static String tokenWithWorkspaceClaim(Object claim) {
        org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.JwtClaims();
        claims.setIssuer(io.kogu.devkit.DevTokens.ISSUER);
        claims.setSubject("user-admin");
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setIssuedAtToNow();
        claims.setStringListClaim("groups", "admin");
        claims.setClaim("workspace", claim);
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(TestEnvironment.signingKey().privateKey());
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
