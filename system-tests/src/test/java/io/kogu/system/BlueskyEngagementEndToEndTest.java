package io.kogu.system;

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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12's acceptance, end to end on the reference Bluesky network with its AppView ({@code @atproto/dev-env}'s
 * TestNetwork, {@link BlueskyTestNetwork#withAppView}): a channel connected with handle and app password; Kogu
 * publishes a post; two other accounts like it, one reposts it, one replies; content-service's collector reads it
 * back (counters through the PDS from the AppView, likers and reposters by handle) and hands it to metrics-service;
 * the summary shows 2 likes, 1 repost, 1 comment; the likers are attributed to the members holding their handles in
 * audience-service, and the segment "engaged in the last 30 days" holds them.
 *
 * <p>content-service runs here as a replica of its own (its own database, the stack's audience- and
 * metrics-service) with a collection schedule of seconds instead of minutes.
 */
@ExtendWith(RunningStack.Shared.class)
class BlueskyEngagementEndToEndTest {

    private static RunningStack stack;
    private static BlueskyTestNetwork network;
    private static KoguStack.Replica content;

    @BeforeAll
    static void start(RunningStack running) {
        stack = running;
        network = BlueskyTestNetwork.withAppView(RunningStack.HOME.resolve("content-service/src/test/atproto"));
        content = stack.replica(KoguService.CONTENT, TestEnvironment.databaseName("kogu_system_content_bluesky"), Map.of(
                "KOGU_COLLECTOR_POLL_EVERY", "1s",
                "KOGU_COLLECTOR_SCHEDULE", "PT1S,PT3S,PT6S,PT10S,PT15S,PT20S,PT30S,PT45S,PT60S,PT90S,PT120S,PT180S",
                "KOGU_PUBLISHER_POLL_EVERY", "1s", "QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "4"), "content-bluesky");
    }

    @Test
    void connectPublishCollectSummaryAndSegment() throws Exception {
        String workspace = TestTokens.newWorkspace();
        String token = TestTokens.token(workspace, "admin", "editor", "approver", "viewer");
        BlueskyTestNetwork.TestAccount alice = network.account("alice");
        BlueskyTestNetwork.TestAccount bob = network.account("bob");
        BlueskyTestNetwork.TestAccount carol = network.account("carol");

        // The fans Kogu knows: members holding bob's and carol's handles (spelt as people type them).
        String bobMember = member(token, "Bob", "@Bob.test");
        String carolMember = member(token, "Carol", "carol.TEST");

        // Connect: Bluesky keeps handle + app password.
        String channel = given(content(token)).body("""
                        {"network":"bluesky","handle":"%s","timeZone":"Europe/Tallinn",
                         "connection":{"serviceUrl":"%s"},"credentials":{"appPassword":"%s"}}"""
                        .formatted(alice.handle(), network.pdsUrl(), alice.appPassword()))
                .post("/v1/channels").then().statusCode(201).extract().path("id");

        // Publish.
        String draft = given(content(token)).body("""
                        {"title":"Launch","body":"Kogu closes the loop","channelIds":["%s"]}""".formatted(channel))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
        given(content(token)).header("If-Match", etag(token, draft)).body("{}")
                .post("/v1/drafts/{id}/submission", draft).then().statusCode(200);
        // Another person approves (nobody approves their own draft).
        String approver = TestTokens.tokenOf("approver-" + workspace, workspace, "approver", "viewer");
        given(content(approver)).header("If-Match", etag(token, draft)).body("{}")
                .post("/v1/drafts/{id}/approvals", draft).then().statusCode(200);
        String publication = given(content(approver)).header("If-Match", etag(token, draft)).body("{}")
                .post("/v1/drafts/{id}/publish-now", draft).then().statusCode(202)
                .extract().path("publications[0].id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given(content(token))
                .get("/v1/publications/{id}", publication).then().statusCode(200).body("state", equalTo("published")));
        String uri = given(content(token)).get("/v1/publications/{id}", publication).then().extract().path("externalId");
        assertThat(uri).startsWith("at://" + alice.did() + "/app.bsky.feed.post/");

        // Other accounts engage: bob likes and reposts, carol likes and replies.
        BlueskyClient client = new BlueskyClient(network);
        String cid = client.cidOf(uri);
        Map<String, String> subject = Map.of("uri", uri, "cid", cid);
        String bobJwt = client.session(bob);
        String carolJwt = client.session(carol);
        client.create(bob, bobJwt, "app.bsky.feed.like", Map.of("$type", "app.bsky.feed.like", "subject", subject,
                "createdAt", Instant.now().toString()));
        client.create(bob, bobJwt, "app.bsky.feed.repost", Map.of("$type", "app.bsky.feed.repost", "subject", subject,
                "createdAt", Instant.now().toString()));
        client.create(carol, carolJwt, "app.bsky.feed.like", Map.of("$type", "app.bsky.feed.like", "subject", subject,
                "createdAt", Instant.now().toString()));
        client.create(carol, carolJwt, "app.bsky.feed.post", Map.of("$type", "app.bsky.feed.post", "text", "Congratulations!",
                "reply", Map.of("root", subject, "parent", subject), "createdAt", Instant.now().toString()));

        // The collector reads it back; metrics-service's summary shows what happened.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                given(stack.call(KoguService.METRICS, token)).get("/v1/publications/{id}/summary", publication)
                        .then().statusCode(200).body("totals.like", equalTo(2)).body("totals.repost", equalTo(1))
                        .body("totals.comment", equalTo(1)));

        // The likers are the members with those handles, and "engaged in the last 30 days" holds them.
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> given(stack.call(KoguService.AUDIENCE, token))
                .body("{\"rule\":{\"field\":\"engagement.like.last30d\",\"operator\":\"gt\",\"values\":[0]},\"sampleSize\":10}")
                .post("/v1/segment-previews").then().statusCode(200).body("count", equalTo(2))
                .body("sample.id", containsInAnyOrder(bobMember, carolMember)));
        String segment = given(stack.call(KoguService.AUDIENCE, token)).body("""
                        {"name":"Engaged in the last 30 days",
                         "rule":{"field":"lastInteractionAt","operator":"withinLast","values":["P30D"]}}""")
                .post("/v1/segments").then().statusCode(201).extract().path("id");
        given(stack.call(KoguService.AUDIENCE, token)).get("/v1/segments/{id}/members", segment).then().statusCode(200)
                .body("items.id", containsInAnyOrder(bobMember, carolMember));
    }

    private RequestSpecification content(String token) {
        return stack.call(content.url(), KoguService.CONTENT, token);
    }

    private String etag(String token, String draft) {
        return given(content(token)).get("/v1/drafts/{id}", draft).then().statusCode(200).extract().header("ETag");
    }

    private static String member(String token, String name, String handle) {
        return given(stack.call(KoguService.AUDIENCE, token)).body("""
                        {"displayName":"%s","handles":[{"network":"bluesky","handle":"%s"}]}""".formatted(name, handle))
                .post("/v1/members").then().statusCode(201).extract().path("id");
    }
}
