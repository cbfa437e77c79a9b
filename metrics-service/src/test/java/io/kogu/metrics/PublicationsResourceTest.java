package io.kogu.metrics;

import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.kogu.metrics.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class PublicationsResourceTest {

    private final Fixtures fx = new Fixtures();

    private String body(UUID id, UUID channel, String extra) {
        return """
                {"id":"%s","draftId":"%s","channelId":"%s","network":"linkedin","externalPostId":"urn:li:share:%s",
                 "url":"https://www.linkedin.com/feed/update/%s","publishedAt":"2026-11-20T08:00:00Z",
                 "tags":["launch","spring"],"campaign":"spring-launch","targetSegmentIds":["%s"],"followerCount":2000%s}"""
                .formatted(id, UUID.randomUUID(), channel, id, id, UUID.randomUUID(), extra);
    }

    @Test
    void aPublicationIsRegisteredOnceAndReadBack() {
        UUID id = UUID.randomUUID();
        String body = body(id, UUID.randomUUID(), "");
        fx.asService().body(body).post("/v1/publications").then().statusCode(201)
                .header("Location", containsString("/v1/publications/" + id)).header("ETag", "\"0\"")
                .body("id", equalTo(id.toString())).body("network", equalTo("linkedin"))
                .body("tags", hasItem("spring")).body("campaign", equalTo("spring-launch"));
        // content-service retries: the same registration answers the same publication.
        fx.asService().body(body).post("/v1/publications").then().statusCode(200).body("id", equalTo(id.toString()));
        fx.as("viewer").get("/v1/publications/{id}", id).then().statusCode(200).header("ETag", "\"0\"")
                .body("followerCount", equalTo(2000)).body("publishedAt", equalTo("2026-11-20T08:00:00Z"));
    }

    @Test
    void theSameIdWithOtherValuesIsA422() {
        UUID id = UUID.randomUUID();
        UUID channel = UUID.randomUUID();
        fx.as("editor").body(body(id, channel, "")).post("/v1/publications").then().statusCode(201);
        fx.as("editor").body(body(id, channel, "")).post("/v1/publications").then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String body = body(UUID.randomUUID(), UUID.randomUUID(), "");
        fx.as("integration").header("Idempotency-Key", key).body(body).post("/v1/publications").then().statusCode(201);
        fx.as("integration").header("Idempotency-Key", key).body(body).post("/v1/publications").then().statusCode(201);
    }

    @Test
    void missingFieldsAreA400WithFieldErrors() {
        fx.badRequestAs("editor").body("{\"id\":\"%s\",\"network\":\"myspace\"}".formatted(UUID.randomUUID()))
                .post("/v1/publications").then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", notNullValue());
    }

    @Test
    void aViewerCannotRegister() {
        fx.as("viewer").body(body(UUID.randomUUID(), UUID.randomUUID(), "")).post("/v1/publications").then()
                .statusCode(403);
    }

    @Test
    void anotherWorkspacesPublicationIsA404() {
        UUID id = fx.publication(UUID.randomUUID());
        Fixtures other = new Fixtures();
        other.as("viewer").get("/v1/publications/{id}", id).then().statusCode(404).contentType("application/problem+json");
        other.as("viewer").get("/v1/publications/{id}/summary", id).then().statusCode(404);
        other.as("viewer").queryParam("segmentId", UUID.randomUUID())
                .get("/v1/publications/{id}/segment-breakdown", id).then().statusCode(404);
    }

    @Test
    void theListIsNewestFirstFilteredAndPaged() {
        UUID channel = UUID.randomUUID();
        UUID first = fx.publication(channel);
        UUID second = fx.publication(channel);
        fx.publication(UUID.randomUUID());
        fx.as("viewer").queryParam("channelId", channel).queryParam("limit", 1).get("/v1/publications").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(second.toString()))
                .body("nextCursor", notNullValue());
        String cursor = fx.as("viewer").queryParam("channelId", channel).queryParam("limit", 1).get("/v1/publications")
                .then().extract().path("nextCursor");
        fx.as("viewer").queryParam("channelId", channel).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/v1/publications").then().body("items[0].id", equalTo(first.toString()));
        fx.as("viewer").queryParam("network", "x").get("/v1/publications").then().body("items", hasSize(3));
    }

    @Test
    void theSummaryGivesTheEngagementRateOnTheAskedBasis() {
        UUID id = fx.publication(UUID.randomUUID(), "facebook", Instant.now().minus(1, ChronoUnit.DAYS),
                "\"followerCount\":1000");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        fx.post("[" + event("i", id, "impression", at, 400) + "," + event("r", id, "reach", at, 200) + ","
                + event("l", id, "like", at, 30) + "," + event("c", id, "comment", at, 10) + ","
                + event("f", id, "follow", at, 5) + "]");
        fx.as("viewer").get("/v1/publications/{id}/summary", id).then().statusCode(200)
                .body("engagements", equalTo(40)).body("engagementRate.basis", equalTo("impressions"))
                .body("engagementRate.denominator", equalTo(400)).body("engagementRate.value", equalTo(0.1f));
        fx.as("viewer").queryParam("rateBasis", "reach").get("/v1/publications/{id}/summary", id).then()
                .body("engagementRate.basis", equalTo("reach")).body("engagementRate.value", equalTo(0.2f));
        fx.as("viewer").queryParam("rateBasis", "followers").get("/v1/publications/{id}/summary", id).then()
                .body("engagementRate.basis", equalTo("followers")).body("engagementRate.value", equalTo(0.04f));
        fx.badRequestAs("viewer").queryParam("rateBasis", "likes").get("/v1/publications/{id}/summary", id).then()
                .statusCode(400);
    }

    @Test
    void aSummaryIdThatIsNotAUuidIsA400() {
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "viewer"))
                .get("/v1/publications/not-a-uuid/summary").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anIntegrationCannotReadSummaries() {
        UUID id = fx.publication(UUID.randomUUID());
        fx.as("integration").get("/v1/publications/{id}/summary", id).then().statusCode(403);
    }
}
