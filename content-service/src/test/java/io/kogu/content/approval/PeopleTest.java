package io.kogu.content.approval;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 11, "people": reviewers find the drafts waiting for them ({@code ?awaitingApprovalBy=me}), and a draft's
 * history shows the names people's tokens gave, next to their subjects.
 */
@QuarkusTest
class PeopleTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification named(String subject, String name, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOfPersonNamed(subject, name, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private String etag(String id) {
        return as("vic", "viewer").get("/v1/drafts/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    private void policy(int approvals) {
        String etag = as("ada", "admin").get("/v1/approval-policy").then().statusCode(200).extract().header("ETag");
        as("ada", "admin").header("If-Match", etag)
                .body("{\"approvalRequired\":true,\"requiredApprovals\":%d}".formatted(approvals))
                .put("/v1/approval-policy").then().statusCode(200);
    }

    private String channel;

    /** A channel on X, made once per test: a draft needs a target channel to be submitted. */
    private String channel() {
        if (channel == null) {
            channel = as("ada", "admin").body("{\"network\":\"x\",\"handle\":\"@kogu\",\"timeZone\":\"UTC\"}")
                    .post("/v1/channels").then().statusCode(201).extract().path("id");
        }
        return channel;
    }

    private String submittedDraftBy(RequestSpecification author, String title) {
        String id = author.body("{\"title\":\"%s\",\"body\":\"Monday!\",\"channelIds\":[\"%s\"]}".formatted(title, channel()))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
        author.header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(200);
        return id;
    }

    private List<String> awaiting(RequestSpecification who) {
        return who.get("/v1/drafts?awaitingApprovalBy=me").then().statusCode(200).extract().path("items.id");
    }

    @Test
    void aReviewerFindsTheDraftsWaitingForTheirApprovalAndNoOthers() {
        policy(2);
        String anns = submittedDraftBy(as("ann", "editor", "approver"), "Ann's launch");
        String notSubmitted = as("ann", "editor").body("{\"title\":\"Idea\",\"body\":\"Later\"}").post("/v1/drafts").then()
                .statusCode(201).extract().path("id");

        org.assertj.core.api.Assertions.assertThat(awaiting(as("bob", "approver"))).contains(anns).doesNotContain(notSubmitted);
        org.assertj.core.api.Assertions.assertThat(awaiting(as("ann", "editor", "approver"))).as("not the author's own")
                .doesNotContain(anns);

        as("bob", "approver").header("If-Match", etag(anns)).body("{}").post("/v1/drafts/{id}/approvals", anns).then()
                .statusCode(200).body("status", equalTo("in_review"));
        org.assertj.core.api.Assertions.assertThat(awaiting(as("bob", "approver"))).as("not once approved by them")
                .doesNotContain(anns);
        org.assertj.core.api.Assertions.assertThat(awaiting(as("cy", "admin"))).as("still waiting for a second approver")
                .contains(anns);

        // Dee edits the content under review (it stays in review, the approvals are reset): Dee wrote part of it,
        // so it does not wait for Dee; it waits for Bob again.
        as("dee", "editor", "approver").header("If-Match", etag(anns))
                .body("{\"title\":\"Ann's launch\",\"body\":\"Monday, 9:00!\",\"channelIds\":[\"%s\"]}".formatted(channel()))
                .put("/v1/drafts/{id}", anns).then()
                .statusCode(200).body("status", equalTo("in_review"));
        org.assertj.core.api.Assertions.assertThat(awaiting(as("dee", "editor", "approver"))).doesNotContain(anns);
        org.assertj.core.api.Assertions.assertThat(awaiting(as("bob", "approver"))).contains(anns);
    }

    @Test
    void nothingWaitsForSomeoneWhoMayNotApprove() {
        String id = submittedDraftBy(as("ann", "editor"), "Launch");
        as("eve", "editor", "viewer").get("/v1/drafts?awaitingApprovalBy=me").then().statusCode(200)
                .body("items", empty());
        as("eve", "approver").get("/v1/drafts?awaitingApprovalBy=me").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void onlyMeIsAcceptedAsTheReviewer() {
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("bob", workspace, "approver"))
                .get("/v1/drafts?awaitingApprovalBy=bob").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("awaitingApprovalBy"));
    }

    @Test
    void theHistoryKeepsTheNamesTheTokensGave() {
        String id = submittedDraftBy(named("u-123", "Ann Tamm", "editor"), "Launch");
        named("u-456", "Bob Kask", "approver").header("If-Match", etag(id)).body("{}")
                .post("/v1/drafts/{id}/approvals", id).then().statusCode(200);
        as("vic", "viewer").get("/v1/drafts/{id}/history", id).then().statusCode(200)
                .body("items.action", equalTo(List.of("approve", "submit", "create")))
                .body("items.actor", equalTo(List.of("u-456", "u-123", "u-123")))
                .body("items.actorName", equalTo(List.of("Bob Kask", "Ann Tamm", "Ann Tamm")));

        String unnamed = submittedDraftBy(as("cy", "editor"), "No name");
        as("vic", "viewer").get("/v1/drafts/{id}/history", unnamed).then().statusCode(200)
                .body("items.actorName", equalTo(Arrays.asList(null, null)))
                .body("items.actor", not(hasItem((Object) null)));
    }
}
