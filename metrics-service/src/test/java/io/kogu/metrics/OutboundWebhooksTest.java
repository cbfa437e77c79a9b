package io.kogu.metrics;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Outbound webhooks (issue 11 item 5) on metrics-service: the same endpoints API as the other services (platform's
 * one implementation); metrics-service sends report.delivered (issue 16, ReportSubscriptionsTest delivers it) and
 * alert.raised (issue 13, AlertsResourceTest), and accepts a subscription to no other.
 */
@QuarkusTest
class OutboundWebhooksTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private RequestSpecification badAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    @Test
    void theEndpointsApiIsThereAndTheCatalogueOfThisServiceIsReportDeliveredAndAlertRaised() {
        as("viewer").get("/v1/webhook-event-types").then().statusCode(200)
                .body("items.type", equalTo(List.of("report.delivered", "alert.raised")))
                .body("items[0].dataSchema", equalTo("WebhookReportData"))
                .body("items[1].dataSchema", equalTo("WebhookAlertData"));
        as("admin").get("/v1/webhook-endpoints").then().statusCode(200).body("items", equalTo(List.of()));
        badAs("admin").body("{\"url\":\"https://hooks.example.com/kogu\",\"eventTypes\":[\"publication.published\"]}")
                .post("/v1/webhook-endpoints").then().statusCode(400).body("errors.field", hasItem("eventTypes"))
                .body("detail", containsString("it sends report.delivered"));
        badAs("admin").get("/v1/webhook-endpoints/{id}", UUID.randomUUID()).then().statusCode(404);
        given().filter(contract.responsesOnly()).get("/v1/webhook-endpoints").then().statusCode(401);
        badAs("editor").get("/v1/webhook-endpoints").then().statusCode(403);
    }
}
