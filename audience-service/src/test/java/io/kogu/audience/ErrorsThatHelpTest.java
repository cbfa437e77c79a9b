package io.kogu.audience;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11, "errors that help": every 400 names the parameter or JSON path, says what was expected and, for an
 * enum, the allowed values; a date given where a date-time is expected says so. The wording comes from platform
 * (ParameterConverters, ProblemMappers, Expected), the same in every service.
 */
@QuarkusTest
class ErrorsThatHelpTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, roles))
                .contentType(ContentType.JSON);
    }

    private static ValidatableResponse isA400Naming(ValidatableResponse response, String field, String message) {
        return response.statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message)).body("detail", allOf(containsString(field),
                        containsString(message)));
    }

    @Test
    void anUnknownEnumValueInAQueryParameterNamesItAndListsTheAllowedValues() {
        isA400Naming(as("viewer").get("/v1/members?network=myspace").then(), "network",
                "must be one of [x, facebook, instagram");
        isA400Naming(as("viewer").get("/v1/members?relationship=friend").then(), "relationship", "must be one of [")
                .body("errors[0].message", containsString("got 'friend'"));
    }

    @Test
    void aNumberThatIsNotANumberNamesTheParameter() {
        isA400Naming(as("viewer").get("/v1/members?limit=lots").then(), "limit", "must be a whole number; got 'lots'");
    }

    @Test
    void anIdThatIsNotAUuidNamesThePathParameter() {
        isA400Naming(as("viewer").get("/v1/members/{id}", "not-a-uuid").then(), "memberId", "must be a UUID");
        isA400Naming(as("viewer").get("/v1/segments?id=1-2-3-4-5").then(), "id", "must be a UUID");
    }

    @Test
    void aDateTimeWhereADateIsExpectedSaysSo() {
        isA400Naming(as("viewer").get("/v1/segments/{id}/sizes?from=2026-03-01T00:00:00Z", UUID.randomUUID()).then(),
                "from", "is a date-time, but a date is expected here, e.g. 2026-03-01");
        isA400Naming(as("viewer").get("/v1/segments/{id}/sizes?to=March", UUID.randomUUID()).then(),
                "to", "must be an ISO-8601 date, e.g. 2026-03-01; got 'March'");
    }

    @Test
    void aDateWhereADateTimeIsExpectedInTheBodySaysSo() {
        isA400Naming(as("editor").body("{\"displayName\":\"Ann\",\"followedSince\":\"2026-03-01\"}").post("/v1/members")
                .then(), "followedSince", "is a date, but a date-time is expected");
        isA400Naming(as("editor").body("{\"displayName\":\"Ann\",\"followedSince\":\"2026-03-01T10:00:00\"}")
                .post("/v1/members").then(), "followedSince", "has no offset");
    }

    @Test
    void anUnknownEnumValueInTheBodyNamesItsJsonPathAndTheAllowedValues() {
        isA400Naming(as("editor").body("{\"displayName\":\"Ann\",\"handles\":[{\"network\":\"myspace\",\"handle\":\"@a\"}]}")
                .post("/v1/members").then(), "handles[0].network", "must be one of [x, facebook");
    }

    @Test
    void aJsonValueOfTheWrongTypeNamesItsPathAndTheExpectedType() {
        isA400Naming(as("editor").body("{\"displayName\":\"Ann\",\"tags\":{\"a\":1}}").post("/v1/members").then(),
                "tags", "must be an array; got an object");
        isA400Naming(as("editor").body("{\"displayName\":\"Ann\",\"handles\":[{\"network\":\"x\",\"handle\":[1]}]}")
                .post("/v1/members").then(), "handles[0].handle", "must be a string; got an array");
    }
}
