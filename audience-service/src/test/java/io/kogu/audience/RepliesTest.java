package io.kogu.audience;

import io.kogu.audience.reply.ConversationReply;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Replies (audience's side): saved replies, the call to content-service (which does not run beside these tests:
 * the 503 path; system-tests check the real one), and the outcome content-service's outbox brings back.
 */
@QuarkusTest
class RepliesTest {

    private final InboxCalls calls = new InboxCalls();
    private final Contract contract = calls.contract;
    private final String workspace = calls.workspace;
    private final String channel = UUID.randomUUID().toString();

    private String conversation(Instant at) {
        return calls.asService().body("{\"items\":[" + ConversationsTest.item(channel, "q-" + UUID.randomUUID(), "comment",
                        "root-" + UUID.randomUUID(), "fan.bsky.social", "Where is my parcel?", at) + "]}")
                .post("/v1/conversation-items").then().statusCode(200).extract().path("items[0].conversationId");
    }

    @Test
    void savedRepliesNameOnlyKnownFieldsAndChangeByVersion() {
        String id = calls.as("editor").body("{\"name\":\"Thanks\",\"text\":\"Hi {{firstName}}, thanks from {{ network }}!\"}")
                .post("/v1/saved-replies").then().statusCode(201).header("ETag", "\"0\"")
                .body("fields", equalTo(List.of("firstName", "network"))).extract().path("id");
        calls.as("editor").body("{\"name\":\"Thanks\",\"text\":\"Again\"}").post("/v1/saved-replies").then().statusCode(409);
        calls.as("editor").body("{\"name\":\"Bad\",\"text\":\"Hi {{password}}\"}").post("/v1/saved-replies").then()
                .statusCode(422).body("errors[0].field", equalTo("text"));
        calls.badRequestAs("editor").body("{\"name\":\"\"}").post("/v1/saved-replies").then().statusCode(400);
        calls.as("viewer").get("/v1/saved-replies").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        calls.badRequestAs("editor").body("{\"name\":\"Thanks\",\"text\":\"Hello {{name}}\"}")
                .put("/v1/saved-replies/{id}", id).then().statusCode(428);
        calls.as("editor").header("If-Match", "\"0\"").body("{\"name\":\"Thanks\",\"text\":\"Hello {{name}}\"}")
                .put("/v1/saved-replies/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
        calls.as("editor").header("If-Match", "\"0\"").delete("/v1/saved-replies/{id}", id).then().statusCode(412);
        calls.as("viewer").body("{\"name\":\"Mine\",\"text\":\"x\"}").post("/v1/saved-replies").then().statusCode(403);
        given().filter(contract.responsesOnly()).get("/v1/saved-replies").then().statusCode(401);
        given().filter(contract.full()).auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "admin"))
                .get("/v1/saved-replies/{id}", id).then().statusCode(404);
        calls.as("editor").header("If-Match", "\"1\"").delete("/v1/saved-replies/{id}", id).then().statusCode(204);
        calls.as("viewer").get("/v1/saved-replies/{id}", id).then().statusCode(404);
    }

    @Test
    void whenContentServiceIsDownAReplyIsA503SoonAndNothingIsRecorded() {
        String id = conversation(Instant.now());
        Instant start = Instant.now();
        calls.as("editor").body("{\"text\":\"On its way!\"}").post("/v1/conversations/{id}/replies", id).then()
                .statusCode(503).body("detail", containsString("content-service"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));
        calls.as("viewer").get("/v1/conversations/{id}/replies", id).then().statusCode(200).body("items", equalTo(List.of()));
        String item = calls.as("viewer").get("/v1/conversations/{id}/items", id).path("items[0].id");
        calls.as("editor").body("{\"hidden\":true}").post("/v1/conversations/{id}/items/{item}/hide", id, item).then()
                .statusCode(503);
        calls.as("viewer").get("/v1/conversations/{id}/items", id).then().body("items[0].hidden", equalTo(false));

        calls.badRequestAs("editor").body("{}").post("/v1/conversations/{id}/replies", id).then().statusCode(400);
        calls.badRequestAs("editor").body("{\"hidden\":\"maybe\"}").post("/v1/conversations/{id}/items/{item}/hide", id, item)
                .then().statusCode(400);
        calls.as("viewer").body("{\"text\":\"x\"}").post("/v1/conversations/{id}/replies", id).then().statusCode(403);
        calls.as("viewer").body("{\"hidden\":true}").post("/v1/conversations/{id}/items/{item}/hide", id, item).then()
                .statusCode(403);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .post("/v1/conversations/{id}/replies", id).then().statusCode(401);
        RequestSpecification stranger = given().filter(contract.full()).contentType(ContentType.JSON)
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor"));
        stranger.body("{\"text\":\"x\"}").post("/v1/conversations/{id}/replies", id).then().statusCode(404);
        given().filter(contract.full()).contentType(ContentType.JSON)
                .auth().oauth2(TestTokens.token(TestTokens.newWorkspace(), "editor")).body("{\"hidden\":true}")
                .post("/v1/conversations/{id}/items/{item}/hide", id, item).then().statusCode(404);
    }

    @Test
    void aPublishedOutcomeAnswersTheConversationOnce() {
        Instant asked = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.MINUTES);
        String id = conversation(asked);
        String item = calls.as("viewer").get("/v1/conversations/{id}/items", id).path("items[0].id");
        // The reply as content-service took it (POST /v1/replies answered 202 queued).
        UUID replyId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ConversationReply reply = new ConversationReply();
            reply.id = replyId;
            reply.workspaceId = workspace;
            reply.conversationId = UUID.fromString(id);
            reply.itemId = UUID.fromString(item);
            reply.text = "On its way!";
            reply.state = "queued";
            reply.createdBy = "ann";
            reply.createdAt = Instant.now();
            reply.persist();
        });
        Instant published = asked.plus(12, ChronoUnit.MINUTES);
        String outcome = """
                {"replyId":"%s","conversationId":"%s","state":"published","externalId":"at://reply/1",
                 "url":"https://bsky.app/x","publishedAt":"%s"}""".formatted(replyId, id, published);
        calls.asService().body(outcome).post("/v1/reply-outcomes").then().statusCode(204);
        calls.asService().body(outcome).post("/v1/reply-outcomes").then().statusCode(204);
        calls.as("viewer").get("/v1/conversations/{id}", id).then().body("state", equalTo("pending"))
                .body("waitingSince", nullValue()).body("firstResponseAt", notNullValue());
        calls.as("viewer").get("/v1/conversations/{id}/replies", id).then().body("items[0].state", equalTo("published"))
                .body("items[0].externalId", equalTo("at://reply/1"));
        List<String> actions = calls.as("viewer").get("/v1/conversations/{id}/history", id).path("items.action");
        assertThat(actions).containsExactly("answered", "state", "reply", "created");

        calls.as("editor").body(outcome).post("/v1/reply-outcomes").then().statusCode(403);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body(outcome).post("/v1/reply-outcomes")
                .then().statusCode(401);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON).body("{\"replyId\":\"nope\"}")
                .post("/v1/reply-outcomes").then().statusCode(400);
        given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", TestTokens.newWorkspace()).contentType(ContentType.JSON).body(outcome)
                .post("/v1/reply-outcomes").then().statusCode(404);
    }
}
