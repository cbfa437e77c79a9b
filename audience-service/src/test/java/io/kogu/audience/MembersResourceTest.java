package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.Pages;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class MembersResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private RequestSpecification badRequestAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    private String createMember(String name, String country) {
        return as("editor").body("""
                {"displayName":"%s","country":"%s","handles":[{"network":"x","handle":"@%s"}],"tags":["coffee"]}"""
                .formatted(name, country, name + UUID.randomUUID().toString().substring(0, 8)))
                .post("/v1/members").then().statusCode(201).extract().path("id");
    }

    @Test
    void anEditorAddsAMemberAndAViewerReadsIt() {
        Response created = as("editor").body("""
                {"displayName":"Ann Tamm","email":"ann@example.com","country":"EE","relationship":"advocate",
                 "handles":[{"network":"x","handle":"@ann"},{"network":"mastodon","handle":"@ann@mastodon.social"}],
                 "tags":["coffee","design"]}""").post("/v1/members");
        created.then().statusCode(201).header("Location", containsString("/v1/members/")).header("ETag", "\"0\"")
                .body("relationship", equalTo("advocate")).body("handles[1].handle", equalTo("@ann@mastodon.social"));
        String id = created.path("id");

        as("viewer").get("/v1/members/{id}", id).then().statusCode(200).header("ETag", "\"0\"")
                .body("displayName", equalTo("Ann Tamm")).body("country", equalTo("EE"))
                .body("tags", equalTo(List.of("coffee", "design")));
    }

    @Test
    void aMemberWithoutRelationshipIsAFan() {
        as("integration").body("{\"displayName\":\"Bo\"}").post("/v1/members").then().statusCode(201)
                .body("relationship", equalTo("fan")).body("handles.size()", equalTo(0));
    }

    @Test
    void invalidFieldsAreNamed() {
        badRequestAs("editor").body("{\"displayName\":\"\",\"country\":\"Estonia\",\"email\":\"not-an-email\"}")
                .post("/v1/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("displayName")).body("errors.field", hasItem("country"))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void aBadHandleIsNamedByItsPosition() {
        badRequestAs("editor").body("{\"displayName\":\"Cy\",\"handles\":[{\"network\":\"x\",\"handle\":\"@cy\"},{\"network\":\"x\",\"handle\":\"\"}]}")
                .post("/v1/members").then().statusCode(400).body("errors[0].field", equalTo("handles[1].handle"));
    }

    @Test
    void anUnknownNetworkIsA400NamingTheAllowedOnes() {
        badRequestAs("editor").body("{\"displayName\":\"Cy\",\"handles\":[{\"network\":\"myspace\",\"handle\":\"cy\"}]}")
                .post("/v1/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("handles[0].network"))
                .body("errors[0].message", containsString("mastodon"));
    }

    @Test
    void aHandleBelongsToOneMemberOfAWorkspace() {
        String body = "{\"displayName\":\"Dee\",\"handles\":[{\"network\":\"bluesky\",\"handle\":\"dee.bsky.social\"}]}";
        as("editor").body(body).post("/v1/members").then().statusCode(201);
        as("editor").body(body.replace("dee.bsky", "DEE.bsky")).post("/v1/members").then().statusCode(409)
                .body("errors[0].field", equalTo("handles[0]"));
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"))
                .contentType(ContentType.JSON).body(body).post("/v1/members").then().statusCode(201);
    }

    @Test
    void aViewerCannotAddMembers() {
        as("viewer").body("{\"displayName\":\"Ed\"}").post("/v1/members").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anotherWorkspacesMemberIsNotFound() {
        String id = createMember("Fay", "FI");
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .get("/v1/members/{id}", id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsPageByCursorNewestFirstAndFilterByCountry() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, createMember("m" + i, i % 2 == 0 ? "EE" : "LV"));
        }
        assertThat(Pages.allIds(() -> as("viewer"), "/v1/members", 2)).containsExactlyElementsOf(created);

        List<String> estonians = as("viewer").queryParam("country", "EE").get("/v1/members").path("items.id");
        assertThat(estonians).hasSize(3);
    }

    @Test
    void aForgedCursorIsA400() {
        badRequestAs("viewer").queryParam("cursor", "bm90LWEtY3Vyc29y").get("/v1/members").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aTooLargeLimitIsA400() {
        badRequestAs("viewer").queryParam("limit", 1000).get("/v1/members").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void theSameIdempotencyKeyCreatesOnce() {
        String key = UUID.randomUUID().toString();
        String first = as("editor").header("Idempotency-Key", key).body("{\"displayName\":\"Gus\"}").post("/v1/members")
                .then().statusCode(201).header("Location", notNullValue()).extract().path("id");
        String again = as("editor").header("Idempotency-Key", key).body("{\"displayName\":\"Gus\"}").post("/v1/members")
                .then().statusCode(201).header("Location", containsString(first)).extract().path("id");
        assertThat(again).isEqualTo(first);
        badRequestAs("editor").header("Idempotency-Key", key).body("{\"displayName\":\"Other\"}").post("/v1/members")
                .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void everyFieldOfAMemberIsKeptAndReplacedWithIfMatch() {
        as("admin").body("{\"key\":\"plan\",\"type\":\"string\"}").post("/v1/attribute-definitions").then().statusCode(201);
        String id = as("editor").body("""
                {"displayName":"Ann","language":"pt-BR","city":"Tartu","externalId":"crm-7","followedSince":"2024-05-01T10:00:00+02:00",
                 "lastInteractionAt":"2025-01-02T03:04:05Z","engagementScore":42.5,"marketingConsent":true,
                 "attributes":{"plan":"pro"}}""").post("/v1/members").then().statusCode(201)
                .body("language", equalTo("pt-BR")).body("followedSince", equalTo("2024-05-01T08:00:00Z"))
                .body("engagementScore", equalTo(42.5f)).body("marketingConsent", equalTo(true))
                .body("attributes.plan", equalTo("pro")).body("externalId", equalTo("crm-7")).extract().path("id");

        String replacement = "{\"displayName\":\"Ann Tamm\",\"city\":\"Tallinn\",\"handles\":[{\"network\":\"x\",\"handle\":\"@ann\"}]}";
        as("editor").body(replacement).put("/v1/members/{id}", id).then().statusCode(428);
        as("editor").header("If-Match", "\"5\"").body(replacement).put("/v1/members/{id}", id).then().statusCode(412);
        as("editor").header("If-Match", "\"0\"").body(replacement).put("/v1/members/{id}", id).then().statusCode(200)
                .header("ETag", "\"1\"").body("city", equalTo("Tallinn")).body("language", nullValue())
                .body("marketingConsent", equalTo(false)).body("attributes.size()", equalTo(0))
                .body("handles[0].handle", equalTo("@ann"));
        as("viewer").header("If-Match", "\"1\"").body(replacement).put("/v1/members/{id}", id).then().statusCode(403);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"))
                .contentType(ContentType.JSON).header("If-Match", "\"1\"").body(replacement).put("/v1/members/{id}", id)
                .then().statusCode(404);
        badRequestAs("editor").header("If-Match", "\"1\"").body("{\"displayName\":\"x\",\"language\":\"Estonian\",\"engagementScore\":-1}")
                .put("/v1/members/{id}", id).then().statusCode(400).body("errors.field", hasItem("language"))
                .body("errors.field", hasItem("engagementScore"));
    }

    @Test
    void anIntegrationUpsertsAMemberByHandle() {
        String first = as("integration").body("{\"displayName\":\"Ann\",\"tags\":[\"coffee\"]}")
                .put("/v1/members/by-handle/{network}/{handle}", "mastodon", "@ann@mastodon.social").then().statusCode(201)
                .header("Location", containsString("/v1/members/")).body("handles[0].handle", equalTo("@ann@mastodon.social"))
                .extract().path("id");
        as("integration").body("{\"displayName\":\"Ann Tamm\",\"tags\":[\"coffee\",\"tea\"]}")
                .put("/v1/members/by-handle/{network}/{handle}", "mastodon", "@ANN@mastodon.social").then().statusCode(200)
                .header("ETag", "\"1\"").body("id", equalTo(first)).body("displayName", equalTo("Ann Tamm"))
                .body("handles.size()", equalTo(1));
        as("integration").header("If-Match", "\"0\"").body("{\"displayName\":\"Stale\"}")
                .put("/v1/members/by-handle/{network}/{handle}", "mastodon", "@ann@mastodon.social").then().statusCode(412);
        as("viewer").body("{\"displayName\":\"x\"}")
                .put("/v1/members/by-handle/{network}/{handle}", "x", "@x").then().statusCode(403);
        badRequestAs("integration").body("{\"displayName\":\"x\"}")
                .put("/v1/members/by-handle/{network}/{handle}", "myspace", "@x").then().statusCode(400);
    }

    @Test
    void membersAreFilteredAndSearched() {
        String ann = as("editor").body("""
                {"displayName":"Ann Tamm","email":"ann@example.com","relationship":"customer","tags":["coffee"],
                 "handles":[{"network":"bluesky","handle":"ann.bsky.social"}]}""").post("/v1/members").then().statusCode(201)
                .extract().path("id");
        String bo = as("editor").body("{\"displayName\":\"Bo\",\"tags\":[\"tea\"],\"handles\":[{\"network\":\"x\",\"handle\":\"@tammbo\"}]}")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        assertThat(as("viewer").queryParam("relationship", "customer").get("/v1/members").<List<String>>path("items.id"))
                .containsExactly(ann);
        assertThat(as("viewer").queryParam("tag", "tea").get("/v1/members").<List<String>>path("items.id")).containsExactly(bo);
        assertThat(as("viewer").queryParam("network", "bluesky").get("/v1/members").<List<String>>path("items.id"))
                .containsExactly(ann);
        assertThat(as("viewer").queryParam("q", "TAMM").get("/v1/members").<List<String>>path("items.id"))
                .containsExactly(bo, ann);
        assertThat(as("viewer").queryParam("q", "example.c").get("/v1/members").<List<String>>path("items.id"))
                .containsExactly(ann);
        assertThat(as("viewer").queryParam("q", "%%").get("/v1/members").<List<String>>path("items.id")).isEmpty();
        badRequestAs("viewer").queryParam("q", "a").get("/v1/members").then().statusCode(400).body("errors[0].field", equalTo("q"));
    }
}
