package io.kogu.system;

import io.kogu.devkit.KoguService;
import io.kogu.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * A service token is made for one service (aud). When metrics-service, called by a service, asks
 * audience-service on its behalf, it does not forward that token (audience-service would refuse it) but signs
 * a fresh one for audience-service, naming the same workspace.
 */
@ExtendWith(RunningStack.Shared.class)
class ServiceTokensAcrossServicesTest {

    private static RunningStack stack;

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    @Test
    void aServiceAsksBestTimeForASegmentAndMetricsAsksAudienceWithATokenOfItsOwn() {
        String workspace = TestTokens.newWorkspace();
        String segment = given(stack.call(KoguService.AUDIENCE, TestTokens.token(workspace, "admin")))
                .body("{\"name\":\"Fans in EE\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        String foreign = given(stack.call(KoguService.AUDIENCE, TestTokens.token(TestTokens.newWorkspace(), "admin")))
                .body("{\"name\":\"Fans in EE\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");

        String service = TestTokens.service("metrics-service");
        // Another test may just have stopped and restarted audience-service: metrics-service's circuit breaker
        // then stays open for a few seconds. Wait for it, not for anything of this test.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                given(stack.call(KoguService.METRICS, service)).header("Kogu-Workspace", workspace)
                        .queryParam("channelId", UUID.randomUUID()).queryParam("segmentId", segment)
                        .get("/v1/best-time").then().statusCode(200));
        // The workspace travels along: another workspace's segment is not found.
        given(stack.call(KoguService.METRICS, service)).header("Kogu-Workspace", workspace)
                .queryParam("channelId", UUID.randomUUID()).queryParam("segmentId", foreign)
                .get("/v1/best-time").then().statusCode(404);
        // The same token shown to audience-service directly is not for it.
        given(stack.call(KoguService.AUDIENCE, service)).header("Kogu-Workspace", workspace)
                .body("{\"memberIds\":[\"%s\"]}".formatted(UUID.randomUUID()))
                .post("/v1/segments/{id}/membership-checks", segment).then().statusCode(401);
    }
}
