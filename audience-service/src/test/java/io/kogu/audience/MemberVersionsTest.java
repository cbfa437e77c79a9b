package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The ETag a change answers is the stored version, and only that strong ETag passes the lost-update check. */
@QuarkusTest
class MemberVersionsTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private void declare(String key, String type) {
        as("admin").body("{\"key\":\"" + key + "\",\"type\":\"" + type + "\"}").post("/v1/attribute-definitions")
                .then().statusCode(201);
    }

    @Test
    void theEtagOfACreatedMemberWithANumberAttributeIsItsStoredVersion() {
        declare("seats", "number");
        var created = as("editor").body("{\"displayName\":\"Ann\",\"attributes\":{\"seats\":5}}").post("/v1/members")
                .then().statusCode(201).extract();
        String id = created.path("id");
        String etag = created.header("ETag");
        as("viewer").get("/v1/members/{id}", id).then().statusCode(200).header("ETag", etag)
                .body("version", equalTo(created.<Integer>path("version")));

        // The ETag a client got is the one a replace needs.
        var replaced = as("editor").header("If-Match", etag)
                .body("{\"displayName\":\"Ann T\",\"attributes\":{\"seats\":7.5}}").put("/v1/members/{id}", id)
                .then().statusCode(200).extract();
        as("viewer").get("/v1/members/{id}", id).then().header("ETag", replaced.header("ETag"))
                .body("attributes.seats", equalTo(7.5f));
        as("editor").header("If-Match", replaced.header("ETag"))
                .body("{\"displayName\":\"Ann Tamm\",\"attributes\":{\"seats\":8}}").put("/v1/members/{id}", id)
                .then().statusCode(200);
    }

    @Test
    void ifMatchStarDoesNotPassTheLostUpdateCheck() {
        String id = as("editor").body("{\"displayName\":\"Ann\"}").post("/v1/members").then().statusCode(201)
                .extract().path("id");
        given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "editor")).contentType(ContentType.JSON)
                .header("If-Match", "*").body("{\"displayName\":\"Overwritten\"}").put("/v1/members/{id}", id)
                .then().statusCode(428).body("detail", org.hamcrest.Matchers.containsString("ETag"));
        as("editor").header("If-Match", "W/\"0\"").body("{\"displayName\":\"Overwritten\"}").put("/v1/members/{id}", id)
                .then().statusCode(412);
        assertThat(as("viewer").get("/v1/members/{id}", id).then().extract().<String>path("displayName")).isEqualTo("Ann");
    }
}
