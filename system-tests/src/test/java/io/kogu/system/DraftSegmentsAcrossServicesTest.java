package io.kogu.system;

import io.kogu.devkit.KoguService;
import io.kogu.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * content-service checks a draft's target segments with the real audience-service, forwarding the
 * caller's token: known segments pass, unknown and foreign ones are a 422 naming them, and when
 * audience-service is gone the answer is a 503 within 3 s.
 */
@ExtendWith(RunningStack.Shared.class)
class DraftSegmentsAcrossServicesTest {

    private static RunningStack stack;

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    private static String segment(String workspace) {
        return given(stack.call(KoguService.AUDIENCE, TestTokens.token(workspace, "admin")))
                .body("{\"name\":\"Estonian fans\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
    }

    @Test
    void aDraftTargetsOnlySegmentsTheAudienceServiceKnowsInTheWorkspace() {
        String workspace = TestTokens.newWorkspace();
        String editor = TestTokens.token(workspace, "editor");
        String known = segment(workspace);
        String foreign = segment(TestTokens.newWorkspace());
        String unknown = UUID.randomUUID().toString();

        String draftId = given(stack.call(KoguService.CONTENT, editor))
                .body("{\"title\":\"For Estonian fans\",\"targetSegmentIds\":[\"%s\"]}".formatted(known))
                .post("/v1/drafts").then().statusCode(201).body("targetSegmentIds[0]", equalTo(known))
                .extract().path("id");

        given(stack.call(KoguService.CONTENT, editor))
                .body("{\"title\":\"For strangers\",\"targetSegmentIds\":[\"%s\",\"%s\",\"%s\"]}".formatted(known, unknown, foreign))
                .post("/v1/drafts").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString(unknown)).body("detail", containsString(foreign))
                .body("errors.field", equalTo(java.util.List.of("targetSegmentIds[1]", "targetSegmentIds[2]")));

        given(stack.call(KoguService.CONTENT, editor)).header("If-Match", "\"0\"")
                .body("{\"title\":\"Retargeted\",\"targetSegmentIds\":[\"%s\"]}".formatted(unknown))
                .put("/v1/drafts/{id}", draftId).then().statusCode(422).body("detail", containsString(unknown));

        stack.without(KoguService.AUDIENCE, () -> {
            Instant asked = Instant.now();
            given(stack.call(KoguService.CONTENT, editor))
                    .body("{\"title\":\"While audience is down\",\"targetSegmentIds\":[\"%s\"]}".formatted(known))
                    .post("/v1/drafts").then().statusCode(503).contentType("application/problem+json");
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(3));

            given(stack.call(KoguService.CONTENT, editor)).get("/v1/drafts/{id}", draftId).then().statusCode(200)
                    .body("title", equalTo("For Estonian fans"));
        });
    }
}
