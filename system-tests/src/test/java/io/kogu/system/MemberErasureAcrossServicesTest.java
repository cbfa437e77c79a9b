package io.kogu.system;

import io.kogu.devkit.KoguService;
import io.kogu.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Erasing a member in audience-service reaches metrics-service through the outbox: the dispatcher delivers
 * the erasure event with the service's own token, and metrics-service forgets the member as the actor of
 * its engagement, which then counts as unattributed.
 */
@ExtendWith(RunningStack.Shared.class)
class MemberErasureAcrossServicesTest {

    private static RunningStack stack;

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    @Test
    void metricsServiceForgetsAMemberThatAudienceServiceErased() {
        String workspace = TestTokens.newWorkspace();
        String admin = TestTokens.token(workspace, "admin", "viewer");
        String member = given(stack.call(KoguService.AUDIENCE, admin))
                .body("{\"displayName\":\"Erin\",\"country\":\"EE\",\"handles\":[{\"network\":\"x\",\"handle\":\"@erin\"}]}")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        String segment = given(stack.call(KoguService.AUDIENCE, admin))
                .body("{\"name\":\"Estonian fans\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");

        UUID publication = UUID.randomUUID();
        given(stack.call(KoguService.METRICS, admin))
                .body("{\"id\":\"%s\",\"channelId\":\"%s\",\"network\":\"x\",\"publishedAt\":\"%s\"}"
                        .formatted(publication, UUID.randomUUID(), Instant.now().minus(1, ChronoUnit.DAYS)))
                .post("/v1/publications").then().statusCode(201);
        given(stack.call(KoguService.METRICS, admin)).body("""
                [{"eventId":"like-1","publicationId":"%s","type":"like","occurredAt":"%s","actorMemberId":"%s"}]"""
                .formatted(publication, Instant.now().minus(1, ChronoUnit.HOURS), member))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));
        given(stack.call(KoguService.METRICS, admin)).queryParam("segmentId", segment)
                .get("/v1/publications/{id}/segment-breakdown", publication).then().statusCode(200)
                .body("inSegment.actors", equalTo(1));

        given(stack.call(KoguService.AUDIENCE, admin)).post("/v1/members/{id}/erasures", member).then().statusCode(200);

        // The dispatcher polls its outbox every few seconds; delivery is asynchronous by design.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given(stack.call(KoguService.METRICS, admin)).queryParam("segmentId", segment)
                        .get("/v1/publications/{id}/segment-breakdown", publication).then().statusCode(200)
                        .body("unattributed.totals.like", equalTo(1)));
    }
}
