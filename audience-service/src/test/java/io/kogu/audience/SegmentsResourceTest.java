package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class SegmentsResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private String member(String country) {
        return as("editor").body("{\"displayName\":\"x\",\"country\":\"" + country + "\"}").post("/v1/members")
                .then().statusCode(201).extract().path("id");
    }

    private String segment(String... countries) {
        String values = String.join("\",\"", countries);
        return as("admin").body("""
                {"name":"Baltics","rule":{"field":"country","operator":"in","values":["%s"]}}""".formatted(values))
                .post("/v1/segments").then().statusCode(201).extract().path("id");
    }

    @Test
    void anAdminCreatesASegmentAndItCountsMatchingMembersLive() {
        member("EE");
        member("LV");
        member("FI");
        String id = segment("EE", "LV");
        as("viewer").get("/v1/segments/{id}/count", id).then().statusCode(200).body("count", equalTo(2))
                .body("segmentId", equalTo(id));

        member("EE");
        as("viewer").get("/v1/segments/{id}/count", id).then().body("count", equalTo(3));
        as("viewer").get("/v1/segments/{id}", id).then().statusCode(200).header("ETag", "\"0\"")
                .body("rule.values", equalTo(List.of("EE", "LV")));
    }

    @Test
    void aServiceAsksWhichMembersAreInTheSegmentForAWorkspace() {
        String estonian = member("EE");
        String finn = member("FI");
        String stranger = given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"))
                .contentType(ContentType.JSON).body("{\"displayName\":\"y\",\"country\":\"EE\"}").post("/v1/members")
                .then().extract().path("id");
        String id = segment("EE");
        given().filter(contract.full()).auth().oauth2(TestTokens.service("audience-service"))
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"memberIds\":[\"%s\",\"%s\",\"%s\",\"%s\"]}".formatted(finn, estonian, stranger, UUID.randomUUID()))
                .post("/v1/segments/{id}/membership-checks", id).then().statusCode(200)
                .body("memberIds", equalTo(List.of(estonian)));
    }

    @Test
    void onlyTheServiceRoleMayNameTheWorkspaceInAHeader() {
        String id = segment("EE");
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .header("Kogu-Workspace", workspace).get("/v1/segments/{id}", id).then().statusCode(404);
    }

    @Test
    void anEditorCannotCreateSegments() {
        as("editor").body("{\"name\":\"s\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(403);
    }

    @Test
    void aRuleWithAnUnknownFieldIsA422NamingTheAllowedFields() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"s\",\"rule\":{\"field\":\"shoeSize\",\"operator\":\"in\",\"values\":[\"42\"]}}")
                .post("/v1/segments").then().statusCode(422).body("errors[0].field", equalTo("rule.field"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("lastInteractionAt"));
    }

    @Test
    void aCountryThatIsNotACodeIsA422NamingTheValue() {
        as("admin").body("{\"name\":\"s\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\",\"estonia\"]}}")
                .post("/v1/segments").then().statusCode(422).body("errors[0].field", equalTo("rule.values[1]"));
    }

    @Test
    void listingByIdsLeavesOutUnknownAndForeignSegments() {
        String mine = segment("EE");
        String foreign = given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        List<String> found = as("editor").queryParam("id", mine).queryParam("id", foreign)
                .queryParam("id", UUID.randomUUID().toString()).get("/v1/segments").then().statusCode(200)
                .extract().path("items.id");
        assertThat(found).containsExactly(mine);
    }

    @Test
    void anotherWorkspacesSegmentIsNotFound() {
        String id = segment("EE");
        RequestSpecification stranger = given().filter(contract.full())
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"));
        stranger.get("/v1/segments/{id}", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .get("/v1/segments/{id}/count", id).then().statusCode(404);
    }

    @Test
    void listsAreNewestFirst() {
        String first = segment("EE");
        String second = segment("FI");
        as("viewer").get("/v1/segments").then().statusCode(200).body("items.id", equalTo(List.of(second, first)))
                .body("items.name", hasItem("Baltics"));
    }
}
