package io.kogu.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.devkit.KoguService;
import io.kogu.devkit.KoguStack;
import io.kogu.testsupport.BlueskyTestNetwork;
import io.kogu.testsupport.TestEnvironment;
import io.kogu.testsupport.TestTokens;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 13's conversation loop, end to end on the reference Bluesky network with its AppView: Kogu publishes a post;
 * a fan replies on the network; content-service's conversation collector reads the reply and hands it to
 * audience-service, where it appears in the inbox; a community manager answers it there; content-service posts the
 * answer, which is a real reply record on the PDS (its {@code reply.parent} the fan's post, {@code reply.root} ours),
 * and audience-service learns the outcome.
 *
 * <p>Needs lane inbox's audience-service endpoints ({@code GET /v1/conversations}, {@code POST
 * /v1/conversations/{id}/replies}, INTERFACES.md A and B): it runs once the issue-13 lanes are merged.
 */
@ExtendWith(RunningStack.Shared.class)
class BlueskyInboxEndToEndTest {

    private static RunningStack stack;
    private static BlueskyTestNetwork network;
    private static KoguStack.Replica content;
    private static KoguStack.Replica audience;

    @BeforeAll
    static void start(RunningStack running) {
        stack = running;
        network = BlueskyTestNetwork.withAppView(RunningStack.HOME.resolve("content-service/src/test/atproto"));
        // A content-service of its own (it reaches the dev-env network) and an audience-service of its own, told each
        // other's URLs: replies go from this audience-service to this content-service and outcomes come back.
        audience = stack.unstartedReplica(KoguService.AUDIENCE, TestEnvironment.databaseName("kogu_system_audience_inbox"),
                Map.of("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "4"), "audience-inbox");
        content = stack.unstartedReplica(KoguService.CONTENT, TestEnvironment.databaseName("kogu_system_content_inbox"), Map.of(
                "KOGU_COLLECTOR_CONVERSATIONS_EVERY", "1s", "KOGU_PUBLISHER_POLL_EVERY", "1s",
                "KOGU_AUDIENCE_URL", audience.url().toString(), "QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "4"), "content-inbox");
        audience.set("KOGU_CONTENT_URL", content.url().toString()).start();
        content.start();
    }

    @Test
    void aFansReplyIsCollectedAnsweredFromTheInboxAndTheAnswerIsAReplyRecordOnThePds() throws Exception {
        String workspace = TestTokens.newWorkspace();
        String token = TestTokens.token(workspace, "admin", "editor", "approver", "viewer");
        BlueskyTestNetwork.TestAccount alice = network.account("alice");
        BlueskyTestNetwork.TestAccount bob = network.account("bob");
        BlueskyClient client = new BlueskyClient(network);

        String channel = given(content(token)).body("""
                        {"network":"bluesky","handle":"%s","timeZone":"Europe/Tallinn",
                         "connection":{"serviceUrl":"%s"},"credentials":{"appPassword":"%s"}}"""
                        .formatted(alice.handle(), network.pdsUrl(), alice.appPassword()))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
        String post = publish(token, workspace, channel);

        // The fan replies on the network, with their own app. The dev-env network is shared with the other Bluesky
        // tests (the same accounts): their replies to this account are collected too, so the question is unique.
        String question = "When does it ship? " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> subject = Map.of("uri", post, "cid", client.cidOf(post));
        JsonNode fan = client.create(bob, client.session(bob), "app.bsky.feed.post", Map.of("$type", "app.bsky.feed.post",
                "text", question, "reply", Map.of("root", subject, "parent", subject),
                "createdAt", Instant.now().toString()));
        String fanUri = fan.path("uri").asText();

        // Collected into the inbox.
        String conversation = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            List<String> ids = given(stack.call(audience.url(), KoguService.AUDIENCE, token)).queryParam("channelId", channel)
                    .queryParam("q", question).get("/v1/conversations").then().statusCode(200).extract().path("items.id");
            return ids == null || ids.isEmpty() ? null : ids.get(0);
        }, id -> id != null);

        // Answered from the inbox: audience-service asks content-service to post the reply.
        given(stack.call(audience.url(), KoguService.AUDIENCE, token)).body("{\"text\":\"Monday!\"}")
                .post("/v1/conversations/{id}/replies", conversation).then().statusCode(202);

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given(content(token)).queryParam("conversationId", conversation).get("/v1/replies").then().statusCode(200)
                        .body("items.state", hasItem("published")));
        String answer = given(content(token)).queryParam("conversationId", conversation).get("/v1/replies")
                .then().extract().path("items[0].externalId");
        assertThat(answer).startsWith("at://" + alice.did() + "/app.bsky.feed.post/");
        JsonNode record = client.record(answer).path("value");
        assertThat(record.path("text").asText()).isEqualTo("Monday!");
        assertThat(record.path("reply").path("parent").path("uri").asText()).isEqualTo(fanUri);
        assertThat(record.path("reply").path("parent").path("cid").asText()).isEqualTo(fan.path("cid").asText());
        assertThat(record.path("reply").path("root").path("uri").asText()).isEqualTo(post);

        // The outcome reached the inbox, and the conversation counts as answered.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(
                () -> replyStateInTheInbox(token, conversation), "published"::equals);
        given(stack.call(audience.url(), KoguService.AUDIENCE, token)).get("/v1/conversations/{id}", conversation).then()
                .statusCode(200).body("firstResponseAt", org.hamcrest.Matchers.notNullValue());
    }

    /** The reply as audience-service knows it: its outcome came back from content-service through the outbox. */
    private String replyStateInTheInbox(String token, String conversation) {
        List<String> states = given(stack.call(audience.url(), KoguService.AUDIENCE, token))
                .get("/v1/conversations/{id}/replies", conversation).then().statusCode(200).extract().path("items.state");
        return states == null || states.isEmpty() ? null : states.get(0);
    }

    /** Publishes a post on the channel (written by one person, approved by another); answers its at-uri. */
    private String publish(String token, String workspace, String channel) {
        String draft = given(content(token)).body("""
                        {"title":"Launch","body":"Kogu answers its fans","channelIds":["%s"]}""".formatted(channel))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
        given(content(token)).header("If-Match", etag(token, draft)).body("{}")
                .post("/v1/drafts/{id}/submission", draft).then().statusCode(200);
        String approver = TestTokens.tokenOf("approver-" + workspace, workspace, "approver", "viewer");
        given(content(approver)).header("If-Match", etag(token, draft)).body("{}")
                .post("/v1/drafts/{id}/approvals", draft).then().statusCode(200);
        String publication = given(content(approver)).header("If-Match", etag(token, draft)).body("{}")
                .post("/v1/drafts/{id}/publish-now", draft).then().statusCode(202).extract().path("publications[0].id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given(content(token))
                .get("/v1/publications/{id}", publication).then().statusCode(200).body("state", equalTo("published")));
        return given(content(token)).get("/v1/publications/{id}", publication).then().extract().path("externalId");
    }

    private RequestSpecification content(String token) {
        return stack.call(content.url(), KoguService.CONTENT, token);
    }

    private String etag(String token, String draft) {
        return given(content(token)).get("/v1/drafts/{id}", draft).then().statusCode(200).extract().header("ETag");
    }
}
