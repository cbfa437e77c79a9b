package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Issue 11 (vocabulary): every export is chosen by ?format= and by Accept alike; ?format= wins. */
@QuarkusTest
class ExportFormatTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles));
    }

    /** A member in Estonia and a segment holding them; the segment's id. */
    private String memberAndSegment() {
        as("editor").contentType(ContentType.JSON).body("{\"displayName\":\"Ann Tamm\",\"country\":\"EE\"}")
                .post("/v1/members").then().statusCode(201);
        String segment = as("admin").contentType(ContentType.JSON)
                .body("{\"name\":\"Estonia\",\"rule\":{\"field\":\"country\",\"operator\":\"in\",\"values\":[\"EE\"]}}")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        return segment;
    }

    @Test
    void theFormatParameterChoosesLikeAccept() {
        String segment = memberAndSegment();
        for (String path : new String[] {"/v1/members/export", "/v1/segments/" + segment + "/export"}) {
            as("editor").queryParam("format", "csv").get(path).then().statusCode(200).contentType(startsWith("text/csv"))
                    .body(containsString("Ann Tamm"));
            as("editor").accept("text/csv").get(path).then().statusCode(200).contentType(startsWith("text/csv"));
            as("editor").queryParam("format", "ndjson").accept("text/csv, application/x-ndjson").get(path).then()
                    .statusCode(200).contentType(startsWith("application/x-ndjson")).body(startsWith("{"));
            as("editor").get(path).then().statusCode(200).contentType(startsWith("application/x-ndjson"));
        }
    }

    @Test
    void anUnknownFormatIsA400NamingItAndTheFormats() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .queryParam("format", "xml").get("/v1/members/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("format"))
                .body("errors[0].message", equalTo("must be one of [csv, ndjson]; got 'xml'"));
    }
}
