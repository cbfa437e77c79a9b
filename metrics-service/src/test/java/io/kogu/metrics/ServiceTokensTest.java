package io.kogu.metrics;

import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Only a service token made for metrics-service (the services' issuer and key, aud metrics-service) may name a
 * workspace in Kogu-Workspace, here for audience-service's member erasures.
 */
@QuarkusTest
class ServiceTokensTest {

    private final Fixtures fx = new Fixtures();

    private String erasure() {
        return """
                {"eventId":"%s","memberId":"%s","handles":[{"network":"x","handle":"@ann"}],"erasedAt":"%s"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), Instant.now());
    }

    @Test
    void aServiceTokenForMetricsServiceDeliversAnErasureToTheNamedWorkspace() {
        given().filter(fx.contract.full()).auth().oauth2(TestTokens.service("metrics-service"))
                .header("Kogu-Workspace", fx.workspace).contentType(ContentType.JSON).body(erasure())
                .post("/v1/member-erasures").then().statusCode(200).body("eventsAnonymized", equalTo(0));
    }

    @Test
    void aServiceTokenForAudienceServiceIsRefusedByMetricsService() {
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.service("audience-service"))
                .header("Kogu-Workspace", fx.workspace).contentType(ContentType.JSON).body(erasure())
                .post("/v1/member-erasures").then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void aUserTokenClaimingTheServiceRoleCannotEraseInAnotherWorkspace() {
        given().filter(fx.contract.responsesOnly())
                .auth().oauth2(TestTokens.userClaimingTheServiceRole(TestTokens.newWorkspace()))
                .header("Kogu-Workspace", fx.workspace).contentType(ContentType.JSON).body(erasure())
                .post("/v1/member-erasures").then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void aServiceTokenSignedWithTheUsersKeyIsRefused() {
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.serviceSignedWithTheUsersKey("metrics-service"))
                .header("Kogu-Workspace", fx.workspace).contentType(ContentType.JSON).body(erasure())
                .post("/v1/member-erasures").then().statusCode(401);
    }
}
