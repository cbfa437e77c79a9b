package io.kogu.content.approval;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class ApprovalWorkflowTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification ann() {
        return as("ann", "editor", "approver");
    }

    private String channel(String network) {
        return as("ada", "admin").body("{\"network\":\"%s\",\"handle\":\"@kogu\",\"timeZone\":\"UTC\"}".formatted(network))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    private String draftOnX() {
        return ann().body("{\"title\":\"Launch\",\"body\":\"Monday!\",\"channelIds\":[\"%s\"]}".formatted(channel("x")))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
    }

    private String etag(String id) {
        return as("vic", "viewer").get("/v1/drafts/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    private Response move(RequestSpecification who, String id, String action, String body) {
        return who.header("If-Match", etag(id)).body(body).post("/v1/drafts/{id}/" + action, id);
    }

    private void policy(boolean required, int approvals) {
        String etag = as("ada", "admin").get("/v1/approval-policy").then().statusCode(200).extract().header("ETag");
        as("ada", "admin").header("If-Match", etag)
                .body("{\"approvalRequired\":%s,\"requiredApprovals\":%d}".formatted(required, approvals))
                .put("/v1/approval-policy").then().statusCode(200);
    }

    @Test
    void anAuthorCannotApproveTheirOwnDraft() {
        String id = draftOnX();
        move(ann(), id, "submission", "{}").then().statusCode(200).body("status", equalTo("in_review"))
                .body("allowedActions", equalTo(List.of("edit", "approve", "request_changes", "archive")));
        move(ann(), id, "approvals", "{}").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("author"));
        move(as("bob", "approver"), id, "approvals", "{\"comment\":\"Good to go\"}").then().statusCode(200)
                .body("status", equalTo("approved")).body("approvedBy", equalTo(List.of("bob")));
    }

    @Test
    void someoneWhoEditedTheContentUnderReviewCannotApproveItLikeTheAuthor() {
        String id = draftOnX();
        String x = as("vic", "viewer").get("/v1/drafts/{id}", id).then().extract().path("channelIds[0]");
        // Bob (an editor and approver) rewrites Ann's draft, then Ann submits it.
        as("bob", "editor", "approver").header("If-Match", etag(id))
                .body("{\"title\":\"Launch\",\"body\":\"Monday, 9:00!\",\"channelIds\":[\"%s\"]}".formatted(x))
                .put("/v1/drafts/{id}", id).then().statusCode(200);
        move(ann(), id, "submission", "{}").then().statusCode(200).body("status", equalTo("in_review"));
        move(as("bob", "editor", "approver"), id, "approvals", "{}").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("edited this content"));
        // Cy restores an old revision while it is in review: Cy wrote that save, so Cy cannot approve either.
        as("cy", "editor", "approver").header("If-Match", etag(id)).post("/v1/drafts/{id}/revisions/1/restore", id)
                .then().statusCode(200);
        move(as("cy", "editor", "approver"), id, "approvals", "{}").then().statusCode(403);
        move(as("dee", "approver"), id, "approvals", "{}").then().statusCode(200).body("status", equalTo("approved"))
                .body("approvedBy", equalTo(List.of("dee")));
    }

    @Test
    void withATwoApproverPolicyOneApprovalLeavesItInReviewAndTheHistoryListsEveryStep() {
        policy(true, 2);
        String id = draftOnX();
        move(ann(), id, "submission", "{\"comment\":\"Please check\"}").then().statusCode(200);
        move(as("bob", "approver"), id, "approvals", "{}").then().statusCode(200).body("status", equalTo("in_review"))
                .body("approvedBy", equalTo(List.of("bob")));
        move(as("bob", "approver"), id, "approvals", "{}").then().statusCode(409);
        move(as("cy", "admin"), id, "approvals", "{}").then().statusCode(200).body("status", equalTo("approved"))
                .body("approvedBy", equalTo(List.of("bob", "cy")));

        as("vic", "viewer").get("/v1/drafts/{id}/history", id).then().statusCode(200)
                .body("items.action", equalTo(List.of("approve", "approve", "submit", "create")))
                .body("items.from", equalTo(java.util.Arrays.asList("in_review", "in_review", "draft", null)))
                .body("items.to", equalTo(List.of("approved", "in_review", "in_review", "draft")))
                .body("items.actor", equalTo(List.of("cy", "bob", "ann", "ann")))
                .body("items[2].comment", equalTo("Please check"));
    }

    @Test
    void editingAnApprovedDraftReturnsItToReview() {
        String id = draftOnX();
        move(ann(), id, "submission", "{}").then().statusCode(200);
        move(as("bob", "approver"), id, "approvals", "{}").then().statusCode(200).body("status", equalTo("approved"));
        String channel = as("vic", "viewer").get("/v1/drafts/{id}", id).path("channelIds[0]");
        ann().header("If-Match", etag(id)).body("{\"title\":\"Launch\",\"body\":\"Tuesday!\",\"channelIds\":[\"%s\"]}"
                .formatted(channel)).put("/v1/drafts/{id}", id).then().statusCode(200)
                .body("status", equalTo("in_review")).body("approvedBy", equalTo(List.of()));
        as("vic", "viewer").get("/v1/drafts/{id}/history", id).then()
                .body("items[0].action", equalTo("edit")).body("items[0].from", equalTo("approved"))
                .body("items[0].to", equalTo("in_review")).body("items[0].actor", equalTo("ann"));
    }

    @Test
    void illegalMovesAre409ListingTheAllowedOnes() {
        String id = draftOnX();
        move(as("bob", "approver"), id, "approvals", "{}").then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("allowedActions"))
                .body("errors.message", equalTo(List.of("edit", "submit", "archive")))
                .body("detail", containsString("allowed now: edit, submit, archive"));
        move(ann(), id, "archive", "{\"comment\":\"Not needed\"}").then().statusCode(200).body("status", equalTo("archived"))
                .body("allowedActions", equalTo(List.of()));
        ann().header("If-Match", etag(id)).body("{\"title\":\"Again\"}").put("/v1/drafts/{id}", id).then().statusCode(409)
                .body("detail", containsString("allowed now: nothing"));
    }

    @Test
    void anInstagramVariantWithSixHashtagsOrNoImageCannotBeSubmitted() {
        String instagram = channel("instagram");
        String id = ann().body("""
                {"title":"Tulips","body":"Tulips","channelIds":["%s"],
                 "variants":[{"channelId":"%s","text":"Tulips #a #b #c #d #e #f"}]}""".formatted(instagram, instagram))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
        move(ann(), id, "submission", "{}").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("channels[" + instagram + "].hashtags.count",
                        "channels[" + instagram + "].media.required"))
                .body("detail", containsString("at most 5 hashtags"))
                .body("detail", containsString("needs an image or a video"));
        as("vic", "viewer").get("/v1/drafts/{id}", id).then().body("status", equalTo("draft"));
    }

    @Test
    void changesRequestedNeedAReasonAndGoBackToTheAuthor() {
        String id = draftOnX();
        move(ann(), id, "submission", "{}").then().statusCode(200);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("bob", workspace, "approver"))
                .contentType(ContentType.JSON).header("If-Match", etag(id)).body("{}")
                .post("/v1/drafts/{id}/change-requests", id).then().statusCode(400).body("errors[0].field", equalTo("comment"));
        move(as("bob", "approver"), id, "change-requests", "{\"comment\":\"Say which Monday\"}").then().statusCode(200)
                .body("status", equalTo("changes_requested"));
        move(ann(), id, "submission", "{}").then().statusCode(200).body("status", equalTo("in_review"));
    }

    @Test
    void withoutRequiredApprovalASubmittedDraftIsApproved() {
        policy(false, 1);
        as("vic", "viewer").get("/v1/approval-policy").then().body("approvalRequired", equalTo(false)).header("ETag", "\"1\"");
        String id = draftOnX();
        move(ann(), id, "submission", "{}").then().statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void thePolicyIsForAdminsAndNeedsIfMatch() {
        as("vic", "viewer").get("/v1/approval-policy").then().statusCode(200).header("ETag", "\"0\"")
                .body("approvalRequired", equalTo(true)).body("requiredApprovals", equalTo(1));
        as("ann", "editor").header("If-Match", "\"0\"").body("{\"approvalRequired\":true,\"requiredApprovals\":2}")
                .put("/v1/approval-policy").then().statusCode(403);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ada", workspace, "admin"))
                .contentType(ContentType.JSON).body("{\"approvalRequired\":true,\"requiredApprovals\":2}")
                .put("/v1/approval-policy").then().statusCode(428);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ada", workspace, "admin"))
                .contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"approvalRequired\":true,\"requiredApprovals\":0}")
                .put("/v1/approval-policy").then().statusCode(400).body("errors[0].field", equalTo("requiredApprovals"));
        as("ada", "admin").header("If-Match", "\"0\"").body("{\"approvalRequired\":true,\"requiredApprovals\":2}")
                .put("/v1/approval-policy").then().statusCode(200).header("ETag", "\"1\"");
        as("ada", "admin").header("If-Match", "\"0\"").body("{\"approvalRequired\":true,\"requiredApprovals\":3}")
                .put("/v1/approval-policy").then().statusCode(412);
        given().filter(contract.responsesOnly()).get("/v1/approval-policy").then().statusCode(401);
    }

    @Test
    void reviewCommentsAndHistoryStayInTheWorkspace() {
        String id = draftOnX();
        as("bob", "approver").body("{\"body\":\"Is Monday right?\"}").post("/v1/drafts/{id}/comments", id).then()
                .statusCode(201).body("author", equalTo("bob"));
        ann().body("{\"body\":\"Yes\"}").post("/v1/drafts/{id}/comments", id).then().statusCode(201);
        as("vic", "viewer").get("/v1/drafts/{id}/comments", id).then().statusCode(200)
                .body("items.body", equalTo(List.of("Yes", "Is Monday right?")));
        as("vic", "viewer").body("{\"body\":\"me too\"}").post("/v1/drafts/{id}/comments", id).then().statusCode(403);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("bob", workspace, "approver"))
                .contentType(ContentType.JSON).body("{\"body\":\"\"}").post("/v1/drafts/{id}/comments", id).then()
                .statusCode(400);

        String stranger = TestTokens.token(TestTokens.newWorkspace(), "admin");
        given().filter(contract.full()).auth().oauth2(stranger).get("/v1/drafts/{id}/comments", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(stranger).get("/v1/drafts/{id}/history", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(stranger).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(404);
        given().filter(contract.responsesOnly()).get("/v1/drafts/{id}/history", id).then().statusCode(401);
        as("vic", "viewer").header("If-Match", etag(id)).body("{}").post("/v1/drafts/{id}/submission", id).then()
                .statusCode(403);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON).body("{}").post("/v1/drafts/{id}/submission", id).then().statusCode(428);
    }
}
