package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** Pages of segment members and preview samples hold members with several handles each. */
@QuarkusTest
class SegmentMembersWithHandlesTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    @Test
    void segmentMembersAndPreviewSamplesListMembersWithSeveralHandles() {
        for (String name : List.of("ann", "bo")) {
            as("editor").body("""
                    {"displayName":"%s","country":"EE","handles":[{"network":"x","handle":"@%s"},
                     {"network":"bluesky","handle":"%s.bsky.social"}]}""".formatted(name, name, name))
                    .post("/v1/members").then().statusCode(201);
        }
        String rule = "{\"field\":\"country\",\"operator\":\"eq\",\"values\":[\"EE\"]}";
        String id = as("admin").body("{\"name\":\"Estonians\",\"rule\":" + rule + "}").post("/v1/segments")
                .then().statusCode(201).extract().path("id");

        as("viewer").get("/v1/segments/{id}/members", id).then().statusCode(200)
                .body("items.displayName", equalTo(List.of("bo", "ann")))
                .body("items[0].handles.network", equalTo(List.of("x", "bluesky")));
        as("viewer").body("{\"rule\":" + rule + ",\"sampleSize\":5}").post("/v1/segment-previews").then()
                .statusCode(200).body("count", equalTo(2))
                .body("sample.displayName", containsInAnyOrder("ann", "bo"))
                .body("sample[1].handles.size()", equalTo(2));
    }
}
