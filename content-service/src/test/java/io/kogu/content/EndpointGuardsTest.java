package io.kogu.content;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every endpoint refuses a call without a token (401) and an id that is not a UUID (400), as a problem. */
@QuarkusTest
class EndpointGuardsTest {

    private final Contract contract = Contract.ofThisService();

    @ParameterizedTest
    @CsvSource({
            "GET,/v1/drafts", "POST,/v1/drafts", "GET,/v1/drafts/{id}", "PUT,/v1/drafts/{id}", "DELETE,/v1/drafts/{id}",
            "GET,/v1/drafts/{id}/revisions", "GET,/v1/drafts/{id}/revisions/1", "POST,/v1/drafts/{id}/revisions/1/restore",
            "GET,/v1/drafts/{id}/validation", "GET,/v1/channels", "POST,/v1/channels", "GET,/v1/channels/{id}",
            "PUT,/v1/channels/{id}", "DELETE,/v1/channels/{id}", "GET,/v1/approval-policy", "PUT,/v1/approval-policy",
            "POST,/v1/drafts/{id}/submission", "POST,/v1/drafts/{id}/approvals", "POST,/v1/drafts/{id}/change-requests",
            "POST,/v1/drafts/{id}/archive", "GET,/v1/drafts/{id}/history", "GET,/v1/drafts/{id}/comments",
            "POST,/v1/drafts/{id}/comments", "GET,/v1/drafts/{id}/schedule", "POST,/v1/drafts/{id}/schedule",
            "DELETE,/v1/drafts/{id}/schedule", "PUT,/v1/drafts/{id}/schedule/slots/{id}/occurrences/2027-01-01",
            "DELETE,/v1/drafts/{id}/schedule/slots/{id}/occurrences/2027-01-01", "GET,/v1/calendar",
            "POST,/v1/drafts/imports", "GET,/v1/drafts/imports/{id}", "GET,/v1/drafts/export",
            "POST,/v1/drafts/{id}/publish-now", "GET,/v1/publications", "GET,/v1/publications/{id}",
            "POST,/v1/publications/{id}/retry", "POST,/v1/publications/{id}/resolve", "GET,/v1/outbox/dead-letters",
            "POST,/v1/outbox/dead-letters/{id}/retry"})
    void withoutATokenEveryEndpointIs401(String method, String path) {
        given().filter(contract.responsesOnly()).contentType(path.endsWith("/imports") ? "text/csv" : "application/json")
                .body(path.endsWith("/imports") ? "title\nx\n" : "{}")
                .request(method, path.replace("{id}", "3f0b8d0c-5a3e-4c55-9a51-2f8f0b6c1e2d")).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @ParameterizedTest
    @CsvSource({
            "GET,/v1/drafts/{id}", "GET,/v1/drafts/{id}/revisions", "GET,/v1/drafts/{id}/revisions/1",
            "GET,/v1/drafts/{id}/validation", "GET,/v1/channels/{id}", "GET,/v1/drafts/{id}/history",
            "GET,/v1/drafts/{id}/comments", "GET,/v1/drafts/{id}/schedule", "GET,/v1/drafts/imports/{id}",
            "GET,/v1/drafts/{id}/revisions/none", "GET,/v1/publications/{id}"})
    void anIdThatIsNotAUuidIs400(String method, String path) {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "viewer"))
                .request(method, path.replace("{id}", "not-a-uuid"))
                .then().statusCode(400).contentType("application/problem+json")
                // The parameter is named (draftId, channelId, revision…), and what it must be is said.
                .body("errors[0].field", org.hamcrest.Matchers.not(equalTo("parameter")))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("must be a"));
    }

    @ParameterizedTest
    @CsvSource({
            "integration,GET,/v1/drafts", "viewer,POST,/v1/drafts", "integration,GET,/v1/drafts/{id}",
            "viewer,PUT,/v1/drafts/{id}", "approver,DELETE,/v1/drafts/{id}", "integration,GET,/v1/drafts/{id}/revisions",
            "integration,GET,/v1/drafts/{id}/revisions/1", "approver,POST,/v1/drafts/{id}/revisions/1/restore",
            "integration,GET,/v1/drafts/{id}/validation", "integration,GET,/v1/channels", "editor,POST,/v1/channels",
            "integration,GET,/v1/channels/{id}", "editor,PUT,/v1/channels/{id}", "editor,DELETE,/v1/channels/{id}",
            "integration,GET,/v1/approval-policy", "approver,PUT,/v1/approval-policy",
            "approver,POST,/v1/drafts/{id}/submission", "editor,POST,/v1/drafts/{id}/approvals",
            "editor,POST,/v1/drafts/{id}/change-requests", "viewer,POST,/v1/drafts/{id}/archive",
            "integration,GET,/v1/drafts/{id}/history", "integration,GET,/v1/drafts/{id}/comments",
            "viewer,POST,/v1/drafts/{id}/comments", "integration,GET,/v1/drafts/{id}/schedule",
            "editor,POST,/v1/drafts/{id}/schedule", "editor,DELETE,/v1/drafts/{id}/schedule",
            "editor,PUT,/v1/drafts/{id}/schedule/slots/{id}/occurrences/2027-01-01",
            "editor,DELETE,/v1/drafts/{id}/schedule/slots/{id}/occurrences/2027-01-01",
            "integration,GET,/v1/calendar?from=2027-01-01&to=2027-01-02", "viewer,POST,/v1/drafts/imports",
            "integration,GET,/v1/drafts/imports/{id}", "integration,GET,/v1/drafts/export",
            "editor,POST,/v1/drafts/{id}/publish-now", "viewer,POST,/v1/drafts/{id}/publish-now",
            "integration,GET,/v1/publications", "integration,GET,/v1/publications/{id}",
            "editor,POST,/v1/publications/{id}/retry", "viewer,POST,/v1/publications/{id}/resolve",
            "approver,GET,/v1/outbox/dead-letters", "editor,POST,/v1/outbox/dead-letters/{id}/retry"})
    void aRoleThatMayNotIs403(String role, String method, String path) {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), role))
                .contentType(path.endsWith("/imports") ? "text/csv" : "application/json")
                .body(path.endsWith("/imports") ? "title\nx\n" : "{}")
                .request(method, path.replace("{id}", "3f0b8d0c-5a3e-4c55-9a51-2f8f0b6c1e2d")).then().statusCode(403)
                .contentType("application/problem+json");
    }
}
