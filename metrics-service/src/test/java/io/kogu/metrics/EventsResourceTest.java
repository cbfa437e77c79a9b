package io.kogu.metrics;

import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
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

@QuarkusTest
class EventsResourceTest {

    private final Fixtures fx = new Fixtures();
    private final UUID channel = UUID.randomUUID();
    private final Instant at = Instant.now().minus(2, ChronoUnit.HOURS);
    private UUID publication;

    @BeforeEach
    void registerAPublication() {
        publication = fx.publication(channel);
    }

    @Test
    void aSingleEventIsCountedInTheSummary() {
        fx.as("integration").body(event("e-1", publication, "like", at, 3)).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0)).body("rejected", equalTo(0));

        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("publicationId", equalTo(publication.toString()))
                .body("totals.like", equalTo(3)).body("engagements", equalTo(3));
    }

    @Test
    void theSameBatchPostedTwiceChangesNothing() {
        String batch = "[" + event("e-1", publication, "like", at, 1) + "," + event("e-2", publication, "impression", at, 100)
                + "," + event("e-1", publication, "like", at, 1) + "]";
        fx.as("editor").body(batch).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1));
        fx.as("editor").body(batch).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(3));

        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("totals.like", equalTo(1)).body("totals.impression", equalTo(100)).body("engagements", equalTo(1))
                .body("engagementRate.basis", equalTo("impressions")).body("engagementRate.value", equalTo(0.01f));
    }

    @Test
    void anEventMayNameItsPublicationByChannelAndExternalPostId() {
        UUID byExternal = fx.publication(channel, "x", at.minus(1, ChronoUnit.DAYS), "\"externalPostId\":\"1873450981\"");
        fx.as("integration").body("""
                {"eventId":"ext-1","channelId":"%s","externalPostId":"1873450981","type":"share","occurredAt":"%s","count":4}"""
                .formatted(channel, at)).post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));
        fx.as("viewer").get("/v1/publications/{id}/summary", byExternal).then().body("totals.share", equalTo(4));
    }

    @Test
    void anEventOfAnotherWorkspacesPublicationIsRejected() {
        Fixtures other = new Fixtures();
        UUID theirs = other.publication(UUID.randomUUID());
        fx.as("integration").body("[" + event("mine", publication, "like", at, 1) + "," + event("theirs", theirs, "like", at, 1) + "]")
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("rejections[0].index", equalTo(1)).body("rejections[0].eventId", equalTo("theirs"))
                .body("rejections[0].reason", containsString("no publication"));
        other.as("viewer").get("/v1/publications/{id}/summary", theirs).then().statusCode(200)
                .body("engagements", equalTo(0));
    }

    @Test
    void countersSnapshotsBecomeDeltasIncludingDecreases() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.HOURS);
        String snapshots = IntStreamJoin.of(
                snapshot("s-1", hour.plus(10, ChronoUnit.MINUTES), 10),
                snapshot("s-2", hour.plus(70, ChronoUnit.MINUTES), 15),
                snapshot("s-3", hour.plus(130, ChronoUnit.MINUTES), 12));
        fx.as("integration").body(snapshots).post("/v1/events").then().statusCode(200).body("accepted", equalTo(3));
        // Resending the same snapshots changes nothing; an older one than the latest is rejected.
        fx.as("integration").body(snapshots).post("/v1/events").then().body("duplicates", equalTo(3));
        fx.as("integration").body(snapshot("s-old", hour, 99)).post("/v1/events").then()
                .body("rejected", equalTo(1)).body("rejections[0].reason", containsString("older than the latest"));

        fx.as("viewer").queryParam("interval", "hour").queryParam("from", hour.toString())
                .queryParam("to", hour.plus(3, ChronoUnit.HOURS).toString()).queryParam("publicationId", publication)
                .get("/v1/time-series").then().statusCode(200)
                .body("buckets.totals.like", equalTo(java.util.List.of(10, 5, -3)));
        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().body("totals.like", equalTo(12));
    }

    private String snapshot(String eventId, Instant occurredAt, long total) {
        return """
                {"eventId":"%s","publicationId":"%s","type":"like","occurredAt":"%s","total":%d}"""
                .formatted(eventId, publication, occurredAt, total);
    }

    @Test
    void aStreamSentAgainWithNewEventsStoresOnlyTheNewOnesAndAnEventIsItsIdAtItsTime() {
        // Ids holding what COPY's text format must escape (tab, backslash, newline) and more: stored as sent,
        // so that sending them again finds them.
        java.util.function.IntFunction<String> id = i -> "tab\\there\\\\back\\nline \\u00e9\\\"q-" + i;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 1_500; i++) { // two batches of the test profile's 1,000
            first.append(event(id.apply(i), publication, "like", at, 1)).append('\n');
        }
        ndjson(first.toString()).body("accepted", equalTo(1_500)).body("duplicates", equalTo(0));

        StringBuilder again = new StringBuilder(first);
        for (int i = 1_500; i < 2_200; i++) {
            again.append(event(id.apply(i), publication, "like", at, 1)).append('\n');
        }
        // The same id at another time is another event (the identity is the id at its occurredAt).
        again.append(event(id.apply(0), publication, "like", at.minusSeconds(60), 1)).append('\n');
        ndjson(again.toString()).body("accepted", equalTo(701)).body("duplicates", equalTo(1_500));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                fx.as("viewer").get("/v1/publications/{id}/summary", publication).then()
                        .body("totals.like", equalTo(2_201)));
    }

    @Test
    void batchesWrittenAtOnceThatShareEventsInOppositeOrdersNeitherDeadlockNorCountTwice() {
        // Two batches of the test profile's 1,000, written at the same time: the second holds the first's events
        // backwards. Stored in arbitrary order, each would wait for the other's rows (a deadlock, a 5xx).
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            stream.append(event("order-" + i, publication, "like", at, 1)).append('\n');
        }
        for (int i = 999; i >= 0; i--) {
            stream.append(event("order-" + i, publication, "like", at, 1)).append('\n');
        }
        ndjson(stream.toString()).body("accepted", equalTo(1_000)).body("duplicates", equalTo(1_000));
    }

    private io.restassured.response.ValidatableResponse ndjson(String stream) {
        return given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "integration"))
                .contentType("application/x-ndjson").body(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200);
    }

    @Test
    void anNdjsonStreamIsStoredInBatchesAndAnswersCounts() {
        StringBuilder stream = new StringBuilder();
        int lines = 4_500;
        for (int i = 0; i < lines; i++) {
            stream.append(i == 17 ? "{not json" : event("n-" + i, publication, i % 2 == 0 ? "like" : "impression", at, 1))
                    .append('\n');
        }
        byte[] body = stream.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "integration"))
                .contentType("application/x-ndjson").body(body).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(lines - 1)).body("rejected", equalTo(1))
                .body("rejections[0].index", equalTo(17)).body("rejections[0].reason", containsString("not a JSON event"));
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "integration"))
                .contentType("application/x-ndjson").body(body).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(lines - 1));
        // A stream's rollups follow within about a second (the backlog applier), not in the request.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                fx.as("viewer").get("/v1/publications/{id}/summary", publication).then()
                        .body("totals.like", equalTo(lines / 2)).body("totals.impression", equalTo(lines / 2 - 1)));
        // Operators see the applier at work.
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("kogu_metrics_rollups_applied_total"))
                .body(containsString("kogu_metrics_rollups_lag_seconds"));
    }

    @Test
    void badLinesOfAStreamAreRejectedWithTheirLineAndEventId() {
        String stream = String.join("\n",
                event("l-0", publication, "like", at, 1),
                "null",
                "[1, 2]",
                """
                {"eventId":"l-3","publicationId":"%s","type":"applause","occurredAt":"%s"}""".formatted(publication, at),
                event("l-4", publication, "like", at, 0),
                event("l-5", publication, "share", at, 2)) + "\n";
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "integration"))
                .contentType("application/x-ndjson").body(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(4))
                .body("rejections.index", equalTo(java.util.List.of(1, 2, 3, 4)))
                .body("rejections[0].reason", containsString("not an event object"))
                .body("rejections[2].eventId", equalTo("l-3"))
                .body("rejections[2].reason", containsString("not a valid event"))
                .body("rejections[3].eventId", equalTo("l-4"))
                .body("rejections[3].reason", containsString("count"));
    }

    @Test
    void aBadEventIsRejectedWithItsIndexAndTheOthersAreKept() {
        String batch = "[" + event("ok-1", publication, "comment", at, 1) + ","
                + event("bad-1", publication, "comment", at, 0) + ","
                + """
                {"eventId":"bad-2","publicationId":"%s","type":"applause","occurredAt":"%s"}""".formatted(publication, at)
                + "," + """
                {"eventId":"bad-3","type":"like","occurredAt":"%s"}""".formatted(at)
                + "," + """
                {"eventId":"bad-4","publicationId":"%s","type":"like","occurredAt":"%s","count":1,"total":5}"""
                .formatted(publication, at)
                + "," + event("bad-5", publication, "like", Instant.now().plus(3, ChronoUnit.DAYS), 1)
                + "," + event("bad-6", publication, "like", Instant.now().minus(500, ChronoUnit.DAYS), 1) + "]";
        fx.badRequestAs("editor").body(batch).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(6)).body("rejections", hasSize(6))
                .body("rejections.index", hasItem(1)).body("rejections.index", hasItem(2))
                .body("rejections.find { it.index == 1 }.reason", containsString("count"))
                .body("rejections.find { it.index == 2 }.reason", containsString("applause"))
                .body("rejections.find { it.index == 3 }.reason", containsString("publicationId"))
                .body("rejections.find { it.index == 4 }.reason", containsString("not both"))
                .body("rejections.find { it.index == 5 }.reason", containsString("future"))
                .body("rejections.find { it.index == 6 }.reason", containsString("retention"));
    }

    @Test
    void anotherWorkspaceDoesNotSeeTheSummary() {
        fx.post(event("e-1", publication, "share", at, 2));
        given().filter(fx.contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .get("/v1/publications/{id}/summary", publication).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anotherWorkspaceMayUseTheSameEventIds() {
        fx.as("editor").body(event("e-1", publication, "share", at, 2)).post("/v1/events").then().body("accepted", equalTo(1));
        Fixtures other = new Fixtures();
        UUID theirs = other.publication(UUID.randomUUID());
        other.as("editor").body(event("e-1", theirs, "share", at, 2)).post("/v1/events").then().body("accepted", equalTo(1));
    }

    @Test
    void aViewerCannotPostEvents() {
        fx.as("viewer").body(event("e-1", publication, "like", at, 1)).post("/v1/events").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsA400Problem() {
        fx.badRequestAs("editor").body("{\"eventId\": ").post("/v1/events").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anEmptyBatchIsA400WithAFieldError() {
        fx.badRequestAs("editor").body("[]").post("/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("events"));
    }

    @Test
    void anotherContentTypeIsA415Problem() {
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.token(fx.workspace, "editor"))
                .contentType(ContentType.XML).body("<event/>").post("/v1/events").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        fx.as("editor").header("Idempotency-Key", key).body(event("e-1", publication, "like", at, 1)).post("/v1/events")
                .then().statusCode(200).body("accepted", equalTo(1));
        fx.as("editor").header("Idempotency-Key", key).body(event("e-1", publication, "like", at, 1)).post("/v1/events")
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        fx.as("editor").header("Idempotency-Key", key).body(event("e-9", publication, "like", at, 1)).post("/v1/events")
                .then().statusCode(422).contentType("application/problem+json");
    }

    /** Joins JSON values into an array. */
    private static final class IntStreamJoin {
        static String of(String... values) {
            return "[" + String.join(",", values) + "]";
        }
    }
}
