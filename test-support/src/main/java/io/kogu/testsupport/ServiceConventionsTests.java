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
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertThat(served).isEqualTo(document);
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
}
