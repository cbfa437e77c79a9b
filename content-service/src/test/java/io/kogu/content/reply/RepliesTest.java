package io.kogu.content.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Replies through HTTP, posted to WireMock answering as Mastodon documents {@code POST /api/v1/statuses} with
 * {@code in_reply_to_id} and {@code Idempotency-Key} (https://docs.joinmastodon.org/methods/statuses/#create;
 * errors {@code {"error": "…"}} with 422 for a refused status, 5xx for a server failure).
 */
@QuarkusTest
class RepliesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer mastodon;

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    Replier replier;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void start() {
        mastodon = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        mastodon.start();
    }

    @AfterAll
    static void stop() {
        mastodon.stop();
    }

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private String channel(String token) {
        return as("ada", "admin").body("""
                        {"network":"mastodon","handle":"@kogu-%s@mastodon.example","timeZone":"Europe/Tallinn",
                         "connection":{"instanceUrl":"http://127.0.0.1:%d"},"credentials":{"accessToken":"%s"}}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), mastodon.port(), token))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    /** Mastodon answers a status posted with this token (the reply's status id {@code statusId}). */
    private void answers(String token, int status, String body) {
        mastodon.stubFor(post(urlPathEqualTo("/api/v1/statuses")).withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String body(String id, String channel, String inReplyTo, String text, String conversation) {
        return """
                {"id":"%s","channelId":"%s","inReplyTo":{"externalId":"%s","url":"https://mastodon.example/@fan/%s"},
                 "text":"%s","conversationId":%s}""".formatted(id, channel, inReplyTo, inReplyTo, text,
                conversation == null ? "null" : "\"" + conversation + "\"");
    }

    private List<JsonNode> outcomes(String replyId) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select payload from outbox where event_type = 'reply.outcome' and payload->>'replyId' = ?
                     order by created_at""")) {
            statement.setString(1, replyId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    payloads.add(JSON.readTree(rows.getString(1)));
                }
            }
        }
        return payloads;
    }

    @Test
    void aReplyIsPostedOnceAsAReplyToTheItemAndItsOutcomeGoesToAudience() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        String channel = channel(token);
        String id = UUID.randomUUID().toString();
        String conversation = UUID.randomUUID().toString();
        answers(token, 200, """
                {"id":"9001","url":"https://mastodon.example/@kogu/9001","in_reply_to_id":"777",
                 "account":{"id":"1","acct":"kogu","followers_count":10}}""");

        as("ann", "editor").body(body(id, channel, "777", "Aitäh, Tõnu!", conversation)).post("/v1/replies")
                .then().statusCode(202).body("id", equalTo(id)).body("state", equalTo("queued"))
                .body("conversationId", equalTo(conversation)).body("externalId", nullValue());
        // The caller repeating itself gets the same reply, not a second one.
        as("ann", "editor").body(body(id, channel, "777", "Aitäh, Tõnu!", conversation)).post("/v1/replies")
                .then().statusCode(202).body("id", equalTo(id));

        replier.sendDue();
        replier.sendDue();

        as("vic", "viewer").get("/v1/replies/{id}", id).then().statusCode(200).body("state", equalTo("published"))
                .body("externalId", equalTo("9001")).body("url", equalTo("https://mastodon.example/@kogu/9001"));
        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .withHeader("Idempotency-Key", WireMock.equalTo(id))
                .withRequestBody(containing("in_reply_to_id=777"))
                .withRequestBody(containing("status=Ait%C3%A4h%2C+T%C3%B5nu%21")));
        List<JsonNode> outcomes = outcomes(id);
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).path("conversationId").asText()).isEqualTo(conversation);
        assertThat(outcomes.get(0).path("state").asText()).isEqualTo("published");
        assertThat(outcomes.get(0).path("externalId").asText()).isEqualTo("9001");
        assertThat(outcomes.get(0).path("publishedAt").isTextual()).isTrue();

        as("vic", "viewer").queryParam("conversationId", conversation).get("/v1/replies").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id));
    }

    @Test
    void theServiceRoleMayPostForTheWorkspaceItNames() {
        String token = "tok-" + UUID.randomUUID();
        String channel = channel(token);
        String id = UUID.randomUUID().toString();
        given().filter(contract.full()).auth().oauth2(TestTokens.serviceForThisService())
                .header("Kogu-Workspace", workspace).contentType(ContentType.JSON)
                .body(body(id, channel, "778", "Thanks!", null)).post("/v1/replies")
                .then().statusCode(202).body("state", equalTo("queued"));
        as("vic", "viewer").get("/v1/replies/{id}", id).then().statusCode(200);
    }

    @Test
    void aReplyLeftSendingByADeadReplicaIsRepeatedWithTheSameKeyWhereTheNetworkMakesThatSafe() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        String channel = channel(token);
        answers(token, 200, "{\"id\":\"5150\",\"url\":\"https://mastodon.example/@kogu/5150\"}");
        String id = UUID.randomUUID().toString();
        as("ann", "editor").body(body(id, channel, "99", "Once", null)).post("/v1/replies").then().statusCode(202);
        // The dead replica's network call had begun: the reply may be out. Mastodon's Idempotency-Key makes a repeat
        // answer the same status, so the reply is sent again (with the same key) rather than left unconfirmed.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     update reply set state = 'publishing', claimed_by = 'dead-replica', lease_until = now() - interval '1 second',
                         sending_at = now() - interval '5 seconds' where id = ?::uuid""")) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
        replier.sendDue();
        as("vic", "viewer").get("/v1/replies/{id}", id).then().body("state", equalTo("published")).body("externalId", equalTo("5150"));
        mastodon.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses")).withHeader("Idempotency-Key", WireMock.equalTo(id)));
    }

    @Test
    void theSameIdWithAnotherBodyIsAConflict() {
        String channel = channel("tok-" + UUID.randomUUID());
        String id = UUID.randomUUID().toString();
        as("ann", "editor").body(body(id, channel, "1", "first", null)).post("/v1/replies").then().statusCode(202);
        as("ann", "editor").body(body(id, channel, "1", "second", null)).post("/v1/replies").then().statusCode(409);
    }

    @Test
    void aRefusedReplyFailsAndAServerErrorIsTriedAgainBecauseMastodonMakesARepeatSafe() throws Exception {
        String refusedToken = "tok-" + UUID.randomUUID();
        String refusedChannel = channel(refusedToken);
        answers(refusedToken, 422, "{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}");
        String refused = UUID.randomUUID().toString();
        String conversation = UUID.randomUUID().toString();
        as("ann", "editor").body(body(refused, refusedChannel, "5", "long", conversation)).post("/v1/replies")
                .then().statusCode(202);

        String flakyToken = "tok-" + UUID.randomUUID();
        String flakyChannel = channel(flakyToken);
        answers(flakyToken, 503, "{\"error\":\"Service Unavailable\"}");
        String flaky = UUID.randomUUID().toString();
        as("ann", "editor").body(body(flaky, flakyChannel, "6", "hello", null)).post("/v1/replies").then().statusCode(202);

        replier.sendDue();

        as("vic", "viewer").get("/v1/replies/{id}", refused).then().body("state", equalTo("failed"))
                .body("error", org.hamcrest.Matchers.containsString("character limit"));
        assertThat(outcomes(refused)).singleElement().satisfies(o -> assertThat(o.path("state").asText()).isEqualTo("failed"));
        as("vic", "viewer").get("/v1/replies/{id}", flaky).then().body("state", equalTo("queued"))
                .body("error", org.hamcrest.Matchers.containsString("makes a repeat safe"));
    }

    @Test
    void whenThePolicySaysSoARepliesWaitsForAnApprover() {
        String etag = as("ada", "admin").get("/v1/approval-policy").then().statusCode(200)
                .body("repliesNeedApproval", equalTo(false)).extract().header("ETag");
        as("ada", "admin").header("If-Match", etag)
                .body("{\"approvalRequired\":true,\"requiredApprovals\":1,\"repliesNeedApproval\":true}")
                .put("/v1/approval-policy").then().statusCode(200).body("repliesNeedApproval", equalTo(true));
        String token = "tok-" + UUID.randomUUID();
        String channel = channel(token);
        answers(token, 200, "{\"id\":\"42\",\"url\":\"https://mastodon.example/@kogu/42\"}");
        String id = UUID.randomUUID().toString();
        as("ann", "editor").body(body(id, channel, "7", "Soon!", null)).post("/v1/replies").then().statusCode(202)
                .body("state", equalTo("awaiting_approval"));

        replier.sendDue();
        mastodon.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/statuses")).withHeader("Idempotency-Key", WireMock.equalTo(id)));

        as("ann", "editor").post("/v1/replies/{id}/approvals", id).then().statusCode(403);
        as("bob", "approver").post("/v1/replies/{id}/approvals", id).then().statusCode(200)
                .body("state", equalTo("queued")).body("approvedBy", equalTo("bob"));
        replier.sendDue();
        as("vic", "viewer").get("/v1/replies/{id}", id).then().body("state", equalTo("published")).body("externalId", equalTo("42"));
        // Approving again answers it as it is.
        as("bob", "approver").post("/v1/replies/{id}/approvals", id).then().statusCode(200).body("state", equalTo("published"));
    }

    @Test
    void approvingAReplyThatNeverWaitedIsAConflict() {
        String channel = channel("tok-" + UUID.randomUUID());
        String id = UUID.randomUUID().toString();
        as("ann", "editor").body(body(id, channel, "8", "hi", null)).post("/v1/replies").then().statusCode(202);
        as("bob", "approver").post("/v1/replies/{id}/approvals", id).then().statusCode(409);
    }

    @Test
    void badInputIsA400() {
        String channel = channel("tok-" + UUID.randomUUID());
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON)
                .body("{\"id\":\"%s\",\"channelId\":\"%s\",\"inReplyTo\":{\"externalId\":\"1\"},\"text\":\"\"}"
                        .formatted(UUID.randomUUID(), channel))
                .post("/v1/replies").then().statusCode(400);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON).body("{\"id\":\"not-a-uuid\",\"channelId\":\"%s\",\"text\":\"x\"}".formatted(channel))
                .post("/v1/replies").then().statusCode(400);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("vic", workspace, "viewer"))
                .get("/v1/replies").then().statusCode(400);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("vic", workspace, "viewer"))
                .get("/v1/replies/{id}", "nope").then().statusCode(400);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf("ann", workspace, "editor"))
                .contentType(ContentType.JSON).body("{\"externalId\":\"1\"}")
                .post("/v1/channels/{id}/hidden-items", channel).then().statusCode(400);
    }

    @Test
    void withoutATokenA401AndWithTheWrongRoleA403() {
        String channel = channel("tok-" + UUID.randomUUID());
        String id = UUID.randomUUID().toString();
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body(body(id, channel, "1", "x", null))
                .post("/v1/replies").then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/replies/{id}", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).queryParam("conversationId", UUID.randomUUID().toString())
                .get("/v1/replies").then().statusCode(401);
        given().filter(contract.responsesOnly()).post("/v1/replies/{id}/approvals", id).then().statusCode(401);
        given().filter(contract.responsesOnly()).contentType(ContentType.JSON).body("{\"externalId\":\"1\",\"hidden\":true}")
                .post("/v1/channels/{id}/hidden-items", channel).then().statusCode(401);

        as("vic", "viewer").body(body(id, channel, "1", "x", null)).post("/v1/replies").then().statusCode(403);
        as("ann", "editor").body(body(id, channel, "1", "x", null)).post("/v1/replies").then().statusCode(202);
        as("ann", "editor").post("/v1/replies/{id}/approvals", id).then().statusCode(403);
        as("vic", "viewer").body("{\"externalId\":\"1\",\"hidden\":true}")
                .post("/v1/channels/{id}/hidden-items", channel).then().statusCode(403);
    }

    @Test
    void anotherWorkspacesRepliesAndChannelsAreNotFound() {
        String channel = channel("tok-" + UUID.randomUUID());
        String id = UUID.randomUUID().toString();
        String conversation = UUID.randomUUID().toString();
        as("ann", "editor").body(body(id, channel, "1", "x", conversation)).post("/v1/replies").then().statusCode(202);

        String other = TestTokens.newWorkspace();
        RequestSpecification stranger = given().filter(contract.full())
                .auth().oauth2(TestTokens.tokenOf("eve", other, "editor", "approver")).contentType(ContentType.JSON);
        stranger.get("/v1/replies/{id}", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("eve", other, "approver"))
                .post("/v1/replies/{id}/approvals", id).then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("eve", other, "viewer"))
                .queryParam("conversationId", conversation).get("/v1/replies").then().statusCode(200).body("items", hasSize(0));
        given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("eve", other, "editor")).contentType(ContentType.JSON)
                .body(body(UUID.randomUUID().toString(), channel, "1", "x", null)).post("/v1/replies").then().statusCode(404);
        given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("eve", other, "editor")).contentType(ContentType.JSON)
                .body("{\"externalId\":\"1\",\"hidden\":true}").post("/v1/channels/{id}/hidden-items", channel)
                .then().statusCode(404);
    }

    @Test
    void hidingOnANetworkThatCannotHideIsAConflict() {
        String channel = channel("tok-" + UUID.randomUUID());
        as("ann", "editor").body("{\"externalId\":\"123\",\"hidden\":true}")
                .post("/v1/channels/{id}/hidden-items", channel).then().statusCode(409);
    }
}
