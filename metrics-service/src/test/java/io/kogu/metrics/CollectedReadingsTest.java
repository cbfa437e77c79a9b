package io.kogu.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/**
 * Readings as content-service's engagement collector sends them (issue 12; docs/content.md "Engagement collection"):
 * counter snapshots with event ids from publication, type and reading number ({@code kogu:<publication>:like:r3}),
 * named engagers once each ({@code kogu:<publication>:like:a:<actor>}, count 1, with the handle), and snapshots of
 * what the named ones do not already count. A repeated or reordered reading never counts twice; a counter that went
 * down is a negative delta.
 */
@QuarkusTest
class CollectedReadingsTest {

    private final Fixtures fx = new Fixtures();

    private String snapshot(UUID publication, String type, int reading, Instant at, long total) {
        return """
                {"eventId":"kogu:%1$s:%2$s:r%3$d","publicationId":"%1$s","type":"%2$s","occurredAt":"%4$s","total":%5$d}"""
                .formatted(publication, type, reading, at, total);
    }

    private String engager(UUID publication, String type, String actor, String handle, Instant at) {
        return """
                {"eventId":"kogu:%1$s:%2$s:a:%3$s","publicationId":"%1$s","type":"%2$s","occurredAt":"%5$s","count":1,"actorHandle":"%4$s"}"""
                .formatted(publication, type, actor, handle, at);
    }

    private void deliver(String... events) {
        fx.asService().body("[" + String.join(",", events) + "]").post("/v1/events").then().statusCode(200);
    }

    @Test
    void repeatedAndReorderedReadingsCountOnceAndAnUnlikeIsANegativeDelta() {
        UUID publication = fx.publication(UUID.randomUUID(), "bluesky", Instant.now().minus(2, ChronoUnit.DAYS), null);
        Instant t0 = Instant.now().minus(1, ChronoUnit.DAYS);
        String r0 = snapshot(publication, "like", 0, t0, 5);
        String r1 = snapshot(publication, "like", 1, t0.plus(10, ChronoUnit.MINUTES), 7);
        String r2 = snapshot(publication, "like", 2, t0.plus(60, ChronoUnit.MINUTES), 6);

        deliver(r0, snapshot(publication, "comment", 0, t0, 2));
        deliver(r2);
        // Reading 1 arrives after reading 2 (an outbox retry): it is stale and changes nothing.
        fx.asService().body("[" + r1 + "]").post("/v1/events").then().statusCode(200)
                .body("rejected", equalTo(1)).body("accepted", equalTo(0));
        // Reading 0 delivered again: a duplicate.
        fx.asService().body("[" + r0 + "]").post("/v1/events").then().statusCode(200).body("duplicates", equalTo(1));
        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("totals.like", equalTo(6)).body("totals.comment", equalTo(2));

        // An unlike: 6 → 4 is -2.
        deliver(snapshot(publication, "like", 3, t0.plus(3, ChronoUnit.HOURS), 4));
        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().body("totals.like", equalTo(4));
    }

    @Test
    void namedEngagersAndTheRemainingSnapshotAddUpToTheCounter() {
        UUID publication = fx.publication(UUID.randomUUID(), "bluesky", Instant.now().minus(2, ChronoUnit.DAYS), null);
        Instant t0 = Instant.now().minus(1, ChronoUnit.DAYS);
        // First reading: 3 likes, nobody named yet.
        deliver(snapshot(publication, "like", 0, t0, 3));
        // Second reading: 3 likes, two of them named: the snapshot counts the one other.
        Instant t1 = t0.plus(10, ChronoUnit.MINUTES);
        // (No audience-service runs beside these tests: delivered by a person, the named likes stay unattributed.)
        deliverAsPerson(engager(publication, "like", "did:plc:ann", "ann.bsky.social", t1),
                engager(publication, "like", "did:plc:bob", "bob.bsky.social", t1),
                snapshot(publication, "like", 1, t1, 1));
        // The same people read again later are not sent again; if they were, they count once.
        deliverAsPerson(engager(publication, "like", "did:plc:ann", "ann.bsky.social", t1),
                snapshot(publication, "like", 2, t1.plus(1, ChronoUnit.HOURS), 1));
        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("totals.like", equalTo(3));
    }

    private void deliverAsPerson(String... events) {
        fx.as("editor").body("[" + String.join(",", events) + "]").post("/v1/events").then().statusCode(200);
    }

    /**
     * A reading that names people, delivered by content-service while audience-service does not answer, is refused
     * with a 503 as a whole (nothing stored): content-service's outbox delivers it again later, attributed then.
     */
    @Test
    void aCollectorReadingNamingPeopleWaitsUntilAudienceServiceAnswers() {
        UUID publication = fx.publication(UUID.randomUUID(), "bluesky", Instant.now().minus(2, ChronoUnit.DAYS), null);
        Instant t0 = Instant.now().minus(1, ChronoUnit.DAYS);
        fx.asService().body("[" + engager(publication, "like", "did:plc:ann", "ann.bsky.social", t0) + ","
                        + snapshot(publication, "like", 0, t0, 2) + "]")
                .post("/v1/events").then().statusCode(503);
        deliver(snapshot(publication, "comment", 0, t0, 1));
        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("totals.comment", equalTo(1)).body("totals.like", org.hamcrest.Matchers.nullValue());
    }
}
