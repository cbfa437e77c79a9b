package io.kogu.system;

import io.kogu.devkit.KoguService;
import io.kogu.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Events that name their actor only by handle (as content-service's engagement collector sends likes and reposts)
 * are attributed by metrics-service through the real audience-service's resolve-handles, with the handle
 * normalised alike on both sides (issue 12): the liker is in the segment breakdown as a member, an unknown handle
 * stays unattributed.
 */
@ExtendWith(RunningStack.Shared.class)
class HandleAttributionAcrossServicesTest {

    private static RunningStack stack;

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    @Test
    void handlesBecomeMembersWhateverTheirSpelling() {
        String workspace = TestTokens.newWorkspace();
        String admin = TestTokens.token(workspace, "admin", "viewer", "editor");
        given(stack.call(KoguService.AUDIENCE, admin)).body("""
                {"displayName":"Ann","country":"EE","handles":[{"network":"bluesky","handle":"@Ann.bsky.social"}]}""")
                .post("/v1/members").then().statusCode(201);
        String segment = given(stack.call(KoguService.AUDIENCE, admin))
                .body("{\"name\":\"Estonians\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");

        UUID publication = UUID.randomUUID();
        given(stack.call(KoguService.METRICS, admin))
                .body("{\"id\":\"%s\",\"channelId\":\"%s\",\"network\":\"bluesky\",\"publishedAt\":\"%s\"}"
                        .formatted(publication, UUID.randomUUID(), Instant.now().minus(1, ChronoUnit.DAYS)))
                .post("/v1/publications").then().statusCode(201);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        given(stack.call(KoguService.METRICS, admin)).body("""
                [{"eventId":"a1","publicationId":"%1$s","type":"like","occurredAt":"%2$s","count":1,"actorHandle":"ann.BSKY.social"},
                 {"eventId":"a2","publicationId":"%1$s","type":"repost","occurredAt":"%2$s","count":1,"actorHandle":"@ann.bsky.social"},
                 {"eventId":"a3","publicationId":"%1$s","type":"like","occurredAt":"%2$s","count":1,"actorHandle":"nobody.bsky.social"}]"""
                .formatted(publication, at)).post("/v1/events").then().statusCode(200).body("accepted", equalTo(3));

        given(stack.call(KoguService.METRICS, admin)).queryParam("segmentId", segment)
                .get("/v1/publications/{id}/segment-breakdown", publication).then().statusCode(200)
                .body("inSegment.actors", equalTo(1)).body("inSegment.engagements", equalTo(2))
                .body("unattributed.totals.like", equalTo(1));
    }

    /** Engagement reaches the audience (issue 12): metrics-service's outbox tells audience-service what the member did. */
    @Test
    void attributedEngagementMakesEngagementRulesLive() {
        String workspace = TestTokens.newWorkspace();
        String admin = TestTokens.token(workspace, "admin", "viewer", "editor");
        String member = given(stack.call(KoguService.AUDIENCE, admin)).body("""
                {"displayName":"Fan","handles":[{"network":"mastodon","handle":"@Fan@Mastodon.Social"}]}""")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        UUID publication = UUID.randomUUID();
        given(stack.call(KoguService.METRICS, admin))
                .body("{\"id\":\"%s\",\"channelId\":\"%s\",\"network\":\"mastodon\",\"publishedAt\":\"%s\"}"
                        .formatted(publication, UUID.randomUUID(), Instant.now().minus(1, ChronoUnit.DAYS)))
                .post("/v1/publications").then().statusCode(201);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        given(stack.call(KoguService.METRICS, admin)).body("""
                [{"eventId":"c1","publicationId":"%1$s","type":"comment","occurredAt":"%2$s","count":4,"actorHandle":"fan@mastodon.social"}]"""
                .formatted(publication, at)).post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given(stack.call(KoguService.AUDIENCE, admin))
                        .body("{\"rule\":{\"field\":\"engagement.comments.last30d\",\"operator\":\"gt\",\"values\":[3]},\"sampleSize\":10}")
                        .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(1))
                        .body("sample[0].id", equalTo(member)));
        given(stack.call(KoguService.AUDIENCE, admin)).get("/v1/members/{id}", member).then().statusCode(200)
                .body("lastInteractionAt", org.hamcrest.Matchers.notNullValue());
    }
}
