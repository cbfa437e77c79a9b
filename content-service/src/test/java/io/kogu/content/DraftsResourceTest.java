package io.kogu.content;

import io.kogu.content.client.TransactionProbe;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.Pages;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class DraftsResourceTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    /** For requests that break the contract on purpose: only the answer is checked against it. */
    private RequestSpecification badRequestAs(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    private Response create(String title, String... tags) {
        String tagList = tags.length == 0 ? "" : "\"" + String.join("\",\"", tags) + "\"";
        return as("editor").body("{\"title\":\"%s\",\"body\":\"Hello\",\"tags\":[%s]}".formatted(title, tagList))
                .post("/v1/drafts");
    }

    @Test
    void anEditorCreatesADraftAndReadsItBack() {
        Response created = as("editor").body("""
                {"title":"Spring launch teaser","body":"Something new arrives on Monday.","tags":["launch","spring"]}""")
                .post("/v1/drafts");
        created.then().statusCode(201).header("Location", containsString("/v1/drafts/")).header("ETag", "\"0\"")
                .body("status", equalTo("draft")).body("createdBy", equalTo("user-editor"))
                .body("targetSegmentIds.size()", equalTo(0));
        String id = created.path("id");

        as("viewer").get("/v1/drafts/{id}", id).then().statusCode(200).header("ETag", "\"0\"")
                .body("title", equalTo("Spring launch teaser")).body("tags", equalTo(List.of("launch", "spring")));
    }

    @Test
    void invalidFieldsAreNamed() {
        badRequestAs("editor").body("{\"title\":\"\",\"tags\":[\"\"]}").post("/v1/drafts").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("tags"));
        badRequestAs("editor").body("{\"body\":\"no title\"}").post("/v1/drafts").then().statusCode(400)
                .body("errors[0].field", equalTo("title"));
        badRequestAs("editor").body("{\"title\":\"t\",\"targetSegmentIds\":[\"not-a-uuid\"]}").post("/v1/drafts")
                .then().statusCode(400).body("errors[0].field", equalTo("targetSegmentIds[0]"));
    }

    @Test
    void malformedJsonAndOtherContentTypesAreProblems() {
        badRequestAs("editor").body("{\"title\": \"unterminated").post("/v1/drafts").then().statusCode(400)
                .contentType("application/problem+json");
        badRequestAs("editor").contentType(ContentType.TEXT).body("title").post("/v1/drafts").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void aViewerCannotCreateDrafts() {
        as("viewer").body("{\"title\":\"t\"}").post("/v1/drafts").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anotherWorkspaceCannotSeeOrChangeTheDraft() {
        String id = create("Mine").then().statusCode(201).extract().path("id");
        RequestSpecification stranger = given().filter(contract.full()).contentType(ContentType.JSON)
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"));
        stranger.get("/v1/drafts/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().filter(contract.full()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .body("{\"title\":\"Theirs\"}").put("/v1/drafts/{id}", id).then().statusCode(404);
        given().filter(contract.full()).header("If-Match", "\"0\"")
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .delete("/v1/drafts/{id}", id).then().statusCode(404);
        as("viewer").get("/v1/drafts/{id}", id).then().statusCode(200).body("title", equalTo("Mine"));
    }

    @Test
    void anUpdateNeedsIfMatch() {
        String id = create("Draft").then().extract().path("id");
        badRequestAs("editor").body("{\"title\":\"Changed\"}").put("/v1/drafts/{id}", id).then().statusCode(428)
                .contentType("application/problem+json");
        as("editor").header("If-Match", "\"0\"").body("{\"title\":\"Changed\"}").put("/v1/drafts/{id}", id).then()
                .statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1)).body("title", equalTo("Changed"));
    }

    @Test
    void theSecondOfTwoEditorsGets412AndTheFirstSaveIsKept() {
        String id = create("Shared").then().extract().path("id");
        String etagAnn = as("editor").get("/v1/drafts/{id}", id).header("ETag");
        String etagBen = as("editor").get("/v1/drafts/{id}", id).header("ETag");

        as("editor").header("If-Match", etagAnn).body("{\"title\":\"Ann's version\"}").put("/v1/drafts/{id}", id)
                .then().statusCode(200);
        as("editor").header("If-Match", etagBen).body("{\"title\":\"Ben's version\"}").put("/v1/drafts/{id}", id)
                .then().statusCode(412).contentType("application/problem+json");

        as("viewer").get("/v1/drafts/{id}", id).then().body("title", equalTo("Ann's version")).header("ETag", "\"1\"");
    }

    @Test
    void aDeleteNeedsTheCurrentVersion() {
        String id = create("Doomed").then().extract().path("id");
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .delete("/v1/drafts/{id}", id).then().statusCode(428);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "editor")).header("If-Match", "\"7\"")
                .delete("/v1/drafts/{id}", id).then().statusCode(412);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "editor")).header("If-Match", "\"0\"")
                .delete("/v1/drafts/{id}", id).then().statusCode(204);
        as("viewer").get("/v1/drafts/{id}", id).then().statusCode(404);
    }

    @Test
    void listsPageByCursorAndFilterByTagAndStatus() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, create("d" + i, i < 2 ? "launch" : "evergreen").then().statusCode(201).extract().path("id"));
        }
        assertThat(Pages.allIds(() -> as("viewer"), "/v1/drafts", 2)).containsExactlyElementsOf(created);

        List<String> launches = as("viewer").queryParam("tag", "launch").get("/v1/drafts").path("items.id");
        assertThat(launches).containsExactlyElementsOf(created.subList(3, 5));
        as("viewer").queryParam("status", "draft").get("/v1/drafts").then().body("items.size()", equalTo(5));
        as("viewer").queryParam("status", "approved").get("/v1/drafts").then().body("items.size()", equalTo(0));
        badRequestAs("viewer").queryParam("status", "lost").get("/v1/drafts").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void whenAudienceServiceIsDownASegmentedDraftIsA503WithinThreeSeconds() {
        Instant start = Instant.now();
        as("editor").body("{\"title\":\"For fans\",\"targetSegmentIds\":[\"%s\"]}".formatted(UUID.randomUUID()))
                .post("/v1/drafts").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("audience-service"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        as("viewer").get("/v1/drafts").then().body("items.size()", equalTo(0));
    }

    @Test
    void audienceServiceIsAskedBeforeAndOutsideTheTransactionThatSavesTheDraft() {
        UUID segment = UUID.randomUUID();
        as("editor").header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"title\":\"For fans\",\"targetSegmentIds\":[\"%s\"]}".formatted(segment))
                .post("/v1/drafts").then().statusCode(503);
        assertThat(TransactionProbe.inTransaction(segment.toString())).as("a transaction was open").isNotNull().isFalse();

        String id = as("editor").body("{\"title\":\"For fans\"}").post("/v1/drafts").then().statusCode(201)
                .extract().path("id");
        UUID other = UUID.randomUUID();
        as("editor").header("If-Match", "\"0\"")
                .body("{\"title\":\"For fans\",\"targetSegmentIds\":[\"%s\"]}".formatted(other))
                .put("/v1/drafts/{id}", id).then().statusCode(503);
        assertThat(TransactionProbe.inTransaction(other.toString())).as("a transaction was open").isNotNull().isFalse();
    }

    @Test
    void theSameIdempotencyKeyCreatesOnce() {
        String key = UUID.randomUUID().toString();
        String first = as("editor").header("Idempotency-Key", key).body("{\"title\":\"Once\"}").post("/v1/drafts")
                .then().statusCode(201).extract().path("id");
        String again = as("editor").header("Idempotency-Key", key).body("{\"title\":\"Once\"}").post("/v1/drafts")
                .then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        assertThat(again).isEqualTo(first);
        as("viewer").get("/v1/drafts").then().body("items.size()", equalTo(1));
        as("editor").header("Idempotency-Key", key).body("{\"title\":\"Twice\"}").post("/v1/drafts").then()
                .statusCode(422);
    }
}
