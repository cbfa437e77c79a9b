package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * POST /v1/member-engagement (issue 12): metrics-service's counts make rules on lastInteractionAt and on
 * engagement.<type>.last30d|last90d live; an erased member's engagement never comes back.
 */
@QuarkusTest
class MemberEngagementTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private RequestSpecification asService() {
        return given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON);
    }

    private String member(String name) {
        return as("editor").body("{\"displayName\":\"%s\"}".formatted(name)).post("/v1/members").then().statusCode(201)
                .extract().path("id");
    }

    private List<String> preview(String rule) {
        return as("viewer").body("{\"rule\":" + rule + ",\"sampleSize\":50}").post("/v1/segment-previews").then()
                .statusCode(200).extract().path("sample.displayName");
    }

    @Test
    void engagementCountsMakeSuperFansAndFollowedButNeverEngagedOneRuleEach() {
        String ann = member("Ann");
        String bob = member("Bob");
        member("Cat");
        String erased = member("Gone");
        as("admin").post("/v1/members/{id}/erasures", erased).then().statusCode(200);
        Instant recent = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant older = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        asService().body("""
                {"items":[
                  {"memberId":"%s","lastInteractionAt":"%s","last30d":{"comment":4,"like":9},"last90d":{"comment":6,"like":20}},
                  {"memberId":"%s","lastInteractionAt":"%s","last30d":{},"last90d":{"like":1}},
                  {"memberId":"%s","lastInteractionAt":"%s","last30d":{"like":1},"last90d":{"like":1}},
                  {"memberId":"%s","lastInteractionAt":"%s","last30d":{"like":1},"last90d":{"like":1}}]}"""
                .formatted(ann, recent, bob, older, erased, recent, UUID.randomUUID(), recent))
                .post("/v1/member-engagement").then().statusCode(200).body("updated", equalTo(2)).body("skipped", equalTo(2));

        as("viewer").get("/v1/members/{id}", ann).then().body("lastInteractionAt", containsString(recent.toString().substring(0, 16)));
        assertNames(preview("{\"field\":\"engagement.comments.last30d\",\"operator\":\"gt\",\"values\":[3]}"), "Ann");
        assertNames(preview("{\"field\":\"engagement.like.last90d\",\"operator\":\"gte\",\"values\":[1]}"), "Ann", "Bob");
        assertNames(preview("{\"field\":\"lastInteractionAt\",\"operator\":\"withinLast\",\"values\":[\"P30D\"]}"), "Ann");
        // Followed but never engaged: nothing counted in 90 days.
        assertNames(preview("{\"field\":\"engagement.like.last90d\",\"operator\":\"eq\",\"values\":[0]}"), "Cat");

        // The last interaction only moves forward; counts are replaced.
        asService().body("""
                {"items":[{"memberId":"%s","lastInteractionAt":"%s","last30d":{},"last90d":{"comment":6}}]}"""
                .formatted(ann, older)).post("/v1/member-engagement").then().statusCode(200).body("updated", equalTo(1));
        as("viewer").get("/v1/members/{id}", ann).then().body("lastInteractionAt", containsString(recent.toString().substring(0, 16)));
        assertNames(preview("{\"field\":\"engagement.comment.last30d\",\"operator\":\"gt\",\"values\":[3]}"));
    }

    @Test
    void onlyServicesAndAdminsRecordAndRulesNameTheirMistakes() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .contentType(ContentType.JSON).body("""
                        {"items":[{"memberId":"%s","lastInteractionAt":"%s","last30d":{},"last90d":{}}]}"""
                        .formatted(UUID.randomUUID(), Instant.now())).post("/v1/member-engagement").then().statusCode(403);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .contentType(ContentType.JSON).body("""
                        {"rule":{"field":"engagement.applause.last30d","operator":"gt","values":[1]}}""")
                .post("/v1/segment-previews").then().statusCode(422)
                .body("errors[0].message", containsString("engagement.<type>.last30d"));
    }

    private static void assertNames(List<String> names, String... expected) {
        org.hamcrest.MatcherAssert.assertThat(names, containsInAnyOrder(expected));
    }
}
