package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class MemberImportsResourceTest {

    private static final String NDJSON = "application/x-ndjson";

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles));
    }

    private JsonPath importAndWait(String contentType, String file) {
        String location = as("integration").contentType(contentType).body(file.getBytes(StandardCharsets.UTF_8)).post("/v1/member-imports").then()
                .statusCode(202).header("Location", containsString("/v1/member-imports/")).extract().header("Location");
        String path = location.substring(location.indexOf("/v1/"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> java.util.Set.of("completed", "failed").contains(as("viewer").get(path).then().statusCode(200).extract().path("status")));
        return as("viewer").get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anNdjsonImportKeepsTheGoodRowsListsTheBadLinesAndChangesNothingTheSecondTime() {
        String file = """
                {"displayName":"Ann","externalId":"crm-1","country":"EE","tags":["coffee"]}
                {"displayName":"Bo","handles":[{"network":"x","handle":"@bo"}],"engagementScore":12.5}
                {"displayName":"Cy","externalId":"crm-3","country":"Estonia"}

                not json at all
                {"displayName":"No key"}
                {"displayName":"Dee","handles":[{"network":"mastodon","handle":"@dee@m.social"}],"email":"dee@example.com"}
                """;
        JsonPath first = importAndWait(NDJSON, file);
        assertThat(first.getString("status")).isEqualTo("completed");
        assertThat(first.getLong("total")).isEqualTo(6);
        assertThat(first.getLong("processed")).isEqualTo(6);
        assertThat(first.getLong("created")).isEqualTo(3);
        assertThat(first.getLong("failed")).isEqualTo(3);
        assertThat(first.getList("errors.line", Integer.class)).containsExactly(3, 5, 6);
        assertThat(first.getList("errors.field", String.class)).containsExactly("country", null, "externalId");

        List<String> names = as("viewer").get("/v1/members").then().statusCode(200).extract().path("items.displayName");
        assertThat(names).containsExactlyInAnyOrder("Ann", "Bo", "Dee");
        List<Integer> versions = as("viewer").get("/v1/members").then().extract().path("items.version");

        JsonPath again = importAndWait(NDJSON, file);
        assertThat(again.getLong("created")).isZero();
        assertThat(again.getLong("updated")).isZero();
        assertThat(again.getLong("unchanged")).isEqualTo(3);
        assertThat(as("viewer").get("/v1/members").then().extract().<List<Integer>>path("items.version")).isEqualTo(versions);

        JsonPath changed = importAndWait(NDJSON, "{\"displayName\":\"Ann Tamm\",\"externalId\":\"crm-1\",\"country\":\"EE\"}\n");
        assertThat(changed.getLong("updated")).isEqualTo(1);
    }

    @Test
    void aCsvExportImportsBackUnchangedAndBadCsvRowsAreNamedByLine() {
        as("admin").contentType(ContentType.JSON).body("{\"key\":\"plan\",\"type\":\"string\"}").post("/v1/attribute-definitions")
                .then().statusCode(201);
        String csv = """
                displayName,country,handles,tags,attributes,marketingConsent,followedSince
                "Tamm, Ann",EE,x:@ann mastodon:@ann@m.social,coffee tea,"{""plan"":""pro""}",true,2024-01-02T03:04:05Z
                Bo,LV,x:@bo,,,false,
                Cy,XX1,x:@cy,,,,
                Dee,FI,myspace:@dee,,,,
                """;
        JsonPath imported = importAndWait("text/csv", csv);
        assertThat(imported.getLong("created")).isEqualTo(2);
        assertThat(imported.getList("errors.line", Integer.class)).containsExactly(4, 5);
        assertThat(imported.getList("errors.field", String.class)).containsExactly("country", "handles");
        as("viewer").queryParam("q", "@ann@m.social").get("/v1/members").then().statusCode(200)
                .body("items[0].displayName", equalTo("Tamm, Ann")).body("items[0].attributes.plan", equalTo("pro"))
                .body("items[0].tags", equalTo(List.of("coffee", "tea")));

        String export = as("editor").accept("text/csv").get("/v1/members/export").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(export.lines().toList()).hasSize(3);
        JsonPath again = importAndWait("text/csv", export);
        assertThat(again.getLong("unchanged")).isEqualTo(2);
        assertThat(again.getLong("failed")).isZero();

        String ndjson = as("editor").accept(NDJSON).get("/v1/members/export").then().statusCode(200).extract().asString();
        assertThat(ndjson.lines().toList()).hasSize(2);
    }

    @Test
    void aFileThatCannotBeReadIsA400() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor")).contentType("text/csv")
                .body("displayName,country\n\"Ann,EE\n").post("/v1/member-imports").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void importsNeedTheRightRoleAndStayInTheirWorkspace() {
        as("viewer").contentType(NDJSON).body("{\"displayName\":\"x\",\"externalId\":\"1\"}\n".getBytes(StandardCharsets.UTF_8)).post("/v1/member-imports")
                .then().statusCode(403);
        as("viewer").accept("text/csv").get("/v1/members/export").then().statusCode(403);
        given().filter(contract.responsesOnly()).contentType(NDJSON).body("{}\n".getBytes(StandardCharsets.UTF_8)).post("/v1/member-imports").then().statusCode(401);
        String location = as("editor").contentType(NDJSON).body("{\"displayName\":\"x\",\"externalId\":\"1\"}\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/member-imports").then().statusCode(202).extract().header("Location");
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .get(location.substring(location.indexOf("/v1/"))).then().statusCode(404);
    }

    @Test
    void theRemainingMemberEndpointsRefuseMissingTokensWrongRolesAndBadIds() {
        String id = as("editor").contentType(ContentType.JSON).body("{\"displayName\":\"x\"}").post("/v1/members").then()
                .statusCode(201).extract().path("id");
        RequestSpecification anonymous = given().filter(contract.responsesOnly()).contentType(ContentType.JSON);
        anonymous.body("{\"displayName\":\"x\"}").put("/v1/members/by-handle/{network}/{handle}", "x", "@x").then().statusCode(401);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"displayName\":\"x\"}").put("/v1/members/{id}", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).accept("text/csv").get("/v1/members/export").then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/member-imports/{id}", id).then().statusCode(401);
        as("approver").get("/v1/member-imports/{id}", id).then().statusCode(403);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/member-imports/{id}", "not-a-uuid").then().statusCode(400);
        String segment = as("admin").contentType(ContentType.JSON)
                .body("{\"name\":\"s\",\"rule\":{\"field\":\"country\",\"operator\":\"isSet\"}}").post("/v1/segments")
                .then().statusCode(201).extract().path("id");
        as("integration").get("/v1/segments/{id}/members", segment).then().statusCode(403);
        as("integration").accept("text/csv").get("/v1/segments/{id}/export", segment).then().statusCode(403);
    }
}
