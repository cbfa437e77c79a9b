package io.kogu.metrics;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class EventsResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private final UUID publication = UUID.randomUUID();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private String event(String eventId, String type, int count) {
        return """
                {"eventId":"%s","publicationId":"%s","type":"%s","occurredAt":"2026-11-20T10:15:00+02:00","count":%d}"""
                .formatted(eventId, publication, type, count);
    }

    @Test
    void aSingleEventIsCountedInTheSummary() {
        as("integration").body(event("e-1", "like", 3)).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0)).body("rejected", equalTo(0));

        as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("publicationId", equalTo(publication.toString()))
                .body("totals.like", equalTo(3)).body("engagements", equalTo(3));
    }

    @Test
    void theSameEventPostedTwiceCountsOnce() {
        String batch = "[" + event("e-1", "like", 1) + "," + event("e-2", "impression", 100) + "," + event("e-1", "like", 1) + "]";
        as("editor").body(batch).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1));
        as("editor").body(batch).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(3));

        as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("totals.like", equalTo(1)).body("totals.impression", equalTo(100)).body("engagements", equalTo(1));
    }

    @Test
    void aBadEventIsRejectedWithItsIndexAndTheOthersAreKept() {
        String batch = "[" + event("ok-1", "comment", 1) + ","
                + event("bad-1", "comment", 0) + ","
                + """
                {"eventId":"bad-2","publicationId":"%s","type":"applause","occurredAt":"2026-11-20T10:15:00Z"}"""
                .formatted(publication) + "]";
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .contentType(ContentType.JSON).body(batch).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(2))
                .body("rejections.index", hasItem(1)).body("rejections.index", hasItem(2))
                .body("rejections.find { it.index == 1 }.reason", containsString("count"))
                .body("rejections.find { it.index == 2 }.reason", containsString("applause"));
    }

    @Test
    void anotherWorkspaceDoesNotSeeTheEvents() {
        as("editor").body(event("e-1", "share", 2)).post("/v1/events").then().statusCode(200);

        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .get("/v1/publications/{id}/summary", publication).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anotherWorkspaceMayUseTheSameEventIds() {
        as("editor").body(event("e-1", "share", 2)).post("/v1/events").then().body("accepted", equalTo(1));
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"))
                .contentType(ContentType.JSON).body(event("e-1", "share", 2)).post("/v1/events").then()
                .body("accepted", equalTo(1));
    }

    @Test
    void aViewerCannotPostEvents() {
        as("viewer").body(event("e-1", "like", 1)).post("/v1/events").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .contentType(ContentType.JSON).body("{\"eventId\": ").post("/v1/events").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anotherContentTypeIsA415Problem() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .contentType(ContentType.XML).body("<event/>").post("/v1/events").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        as("editor").header("Idempotency-Key", key).body(event("e-1", "like", 1)).post("/v1/events").then()
                .statusCode(200).body("accepted", equalTo(1));
        as("editor").header("Idempotency-Key", key).body(event("e-1", "like", 1)).post("/v1/events").then()
                .statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        as("editor").header("Idempotency-Key", key).body(event("e-9", "like", 1)).post("/v1/events").then()
                .statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aSummaryOfAnUnknownPublicationIsA404() {
        as("viewer").get("/v1/publications/{id}/summary", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aSummaryIdThatIsNotAUuidIsA400() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/publications/not-a-uuid/summary").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
