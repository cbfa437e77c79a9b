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
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * metrics-service breaks a publication's engagement down by an audience segment, asking the real
 * audience-service which actors are in it with the caller's token: a segment of another workspace is a 404,
 * and when audience-service is gone the answer is a 503 within 3 s.
 */
@ExtendWith(RunningStack.Shared.class)
class SegmentBreakdownAcrossServicesTest {

    private static RunningStack stack;

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    private static String member(String token, String country) {
        return given(stack.call(KoguService.AUDIENCE, token))
                .body("{\"displayName\":\"Fan from %s\",\"country\":\"%s\"}".formatted(country, country))
                .post("/v1/members").then().statusCode(201).extract().path("id");
    }

    private static String segment(String token) {
        return given(stack.call(KoguService.AUDIENCE, token))
                .body("{\"name\":\"Estonian fans\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
    }

    @Test
    void engagementIsSplitByWhetherTheActorsAreInTheSegment() {
        String workspace = TestTokens.newWorkspace();
        String admin = TestTokens.token(workspace, "admin", "viewer");
        String estonian = member(admin, "EE");
        String finnish = member(admin, "FI");
        String segment = segment(admin);
        String foreignSegment = segment(TestTokens.token(TestTokens.newWorkspace(), "admin"));

        UUID publication = UUID.randomUUID();
        given(stack.call(KoguService.METRICS, admin))
                .body("{\"id\":\"%s\",\"channelId\":\"%s\",\"network\":\"facebook\",\"publishedAt\":\"%s\"}"
                        .formatted(publication, UUID.randomUUID(), Instant.now().minus(1, ChronoUnit.DAYS)))
                .post("/v1/publications").then().statusCode(201);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        given(stack.call(KoguService.METRICS, admin)).body("""
                [{"eventId":"1","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorMemberId":"%3$s"},
                 {"eventId":"2","publicationId":"%1$s","type":"comment","occurredAt":"%2$s","actorMemberId":"%3$s"},
                 {"eventId":"3","publicationId":"%1$s","type":"like","occurredAt":"%2$s","actorMemberId":"%4$s"},
                 {"eventId":"4","publicationId":"%1$s","type":"like","occurredAt":"%2$s","count":7}]"""
                .formatted(publication, at, estonian, finnish)).post("/v1/events").then().statusCode(200)
                .body("accepted", equalTo(4));

        given(stack.call(KoguService.METRICS, admin)).queryParam("segmentId", segment)
                .get("/v1/publications/{id}/segment-breakdown", publication).then().statusCode(200)
                .body("inSegment.actors", equalTo(1)).body("inSegment.engagements", equalTo(2))
                .body("outsideSegment.actors", equalTo(1)).body("outsideSegment.totals.like", equalTo(1))
                .body("unattributed.totals.like", equalTo(7));

        given(stack.call(KoguService.METRICS, admin)).queryParam("segmentId", foreignSegment)
                .get("/v1/publications/{id}/segment-breakdown", publication).then().statusCode(404);

        stack.without(KoguService.AUDIENCE, () -> {
            Instant asked = Instant.now();
            given(stack.call(KoguService.METRICS, admin)).queryParam("segmentId", segment)
                    .get("/v1/publications/{id}/segment-breakdown", publication).then().statusCode(503)
                    .contentType("application/problem+json");
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));
        });
    }
}
