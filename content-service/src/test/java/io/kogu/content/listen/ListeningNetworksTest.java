package io.kogu.content.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.standardwebhooks.Webhook;
import io.kogu.platform.outbox.OutboxDispatcher;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.HttpReceiver;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

/**
 * Network sources against WireMock answering as the networks document it, the monitor.matched webhook, replicas
 * sharing the polling, backoff, and every listening endpoint without a token.
 */
@QuarkusTest
class ListeningNetworksTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private WireMockServer network;
    private FeedServer feeds;

    @Inject
    ListeningPoller poller;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void start() throws IOException {
        network = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        network.start();
        feeds = new FeedServer();
    }

    @AfterEach
    void stop() {
        network.stop();
        feeds.close();
    }

    private RequestSpecification as(String role) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("user-" + role, workspace, role))
                .contentType(ContentType.JSON);
    }

    @Test
    void aBlueskySearchBecomesStories() {
        // https://docs.bsky.app/docs/api/app-bsky-feed-search-posts: {cursor?, hitsTotal?, posts: [postView]}
        network.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.searchPosts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"posts": [{"uri": "at://did:plc:abc123/app.bsky.feed.post/3kxyz", "cid": "bafyrei1",
                          "author": {"did": "did:plc:abc123", "handle": "mari.bsky.social", "displayName": "Mari"},
                          "record": {"$type": "app.bsky.feed.post", "text": "Kogu on hea tööriist\\nja teine rida",
                                     "createdAt": "2026-11-30T08:00:00.000Z"},
                          "indexedAt": "2026-11-30T08:00:01.000Z", "likeCount": 3}]}""")));
        String source = as("editor").body(Map.of("kind", "bluesky_search", "query", "kogu",
                        "instanceUrl", network.baseUrl())).post("/v1/sources").then().statusCode(201).extract().path("id");
        poller.pollDue();
        assertThat(network.findAll(getRequestedFor(
                urlPathEqualTo("/xrpc/app.bsky.feed.searchPosts"))).get(0).queryParameter("q").firstValue()).isEqualTo("kogu");
        as("viewer").get("/v1/stories?sourceId=" + source).then().statusCode(200)
                .body("items[0].title", equalTo("Kogu on hea tööriist"))
                .body("items[0].url", equalTo("https://bsky.app/profile/mari.bsky.social/post/3kxyz"))
                .body("items[0].items[0].author", equalTo("Mari (@mari.bsky.social)"))
                .body("items[0].publishedAt", equalTo("2026-11-30T08:00:00Z"));
    }

    @Test
    void aMastodonTagTimelineBecomesStories() {
        // https://docs.joinmastodon.org/methods/timelines/#tag: an array of Status
        network.stubFor(get(urlPathEqualTo("/api/v1/timelines/tag/eesti")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        [{"id": "109", "created_at": "2026-11-30T07:00:00.000Z", "url": "https://mastodon.example/@jaan/109",
                          "uri": "https://mastodon.example/users/jaan/statuses/109",
                          "content": "<p>Tallinnas sajab <a href=\\"https://mastodon.example/tags/eesti\\">#eesti</a> lund</p>",
                          "account": {"id": "1", "acct": "jaan", "display_name": "Jaan"}}]""")));
        String source = as("editor").body(Map.of("kind", "mastodon_tag", "tag", "eesti",
                "instanceUrl", network.baseUrl())).post("/v1/sources").then().statusCode(201).extract().path("id");
        poller.pollDue();
        as("viewer").get("/v1/stories?sourceId=" + source).then().statusCode(200)
                .body("items[0].title", equalTo("Tallinnas sajab #eesti lund"))
                .body("items[0].url", equalTo("https://mastodon.example/@jaan/109"))
                .body("items[0].items[0].author", equalTo("Jaan (@jaan)"));
    }

    @Test
    void aMonitorWithWebhookSendsASignedMonitorMatched() throws Exception {
        try (HttpReceiver hooks = new HttpReceiver()) {
            as("admin").body(Map.of("url", hooks.url(), "eventTypes", List.of("monitor.matched")))
                    .post("/v1/webhook-endpoints").then().statusCode(201);
            String endpoint = as("admin").get("/v1/webhook-endpoints").then().extract().path("items[0].id");
            String secret = as("admin").get("/v1/webhook-endpoints/" + endpoint + "/secret").then().extract().path("secret");
            String monitor = as("editor").body(Map.of("name", "Pank", "all", List.of("eesti pank"), "webhook", true))
                    .post("/v1/monitors").then().statusCode(201).extract().path("id");
            feeds.feed("/rss", "application/rss+xml", ListeningTest.RSS);
            as("editor").body(Map.of("kind", "feed", "url", feeds.url("/rss"))).post("/v1/sources").then().statusCode(201);
            poller.pollDue();
            dispatcher.dispatchDue();
            assertThat(hooks.requests()).hasSize(1);
            HttpReceiver.Request request = hooks.requests().get(0);
            new Webhook(secret).verify(request.body(), request.headers());
            JsonNode event = json.readTree(request.body());
            assertThat(event.path("type").asText()).isEqualTo("monitor.matched");
            assertThat(event.path("data").path("monitorId").asText()).isEqualTo(monitor);
            assertThat(event.path("data").path("title").asText()).isEqualTo("Eesti Pank tõstab intressimäära");
        }
    }

    @Test
    void replicasPollingAtOnceFetchEachSourceOnce() throws Exception {
        for (int i = 0; i < 6; i++) {
            feeds.feed("/f" + i, "application/rss+xml", ListeningTest.RSS.replace("uudised-1", "g" + i));
            as("editor").body(Map.of("kind", "feed", "url", feeds.url("/f" + i))).post("/v1/sources").then().statusCode(201);
        }
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(poller::pollDue);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(poller::pollDue);
        a.get();
        b.get();
        for (int i = 0; i < 6; i++) {
            assertThat(feeds.hits("/f" + i)).as("fetches of /f%d", i).isEqualTo(1);
        }
        // Six feeds, the same article: one story with six sources.
        as("viewer").get("/v1/stories").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].sourceCount", equalTo(6));
    }

    @Test
    void aFailingSourceBacksOffAndSaysWhy() {
        feeds.on("/broken", exchange -> FeedServer.send(exchange, 503, "text/plain", "down".getBytes()));
        String source = as("editor").body(Map.of("kind", "feed", "url", feeds.url("/broken"))).post("/v1/sources")
                .then().statusCode(201).extract().path("id");
        poller.pollDue();
        String firstNext = as("viewer").get("/v1/sources/" + source).then().statusCode(200)
                .body("health.lastError", equalTo("the server answered 503")).body("health.lastStatus", equalTo(503))
                .body("health.consecutiveFailures", equalTo(1)).extract().path("health.nextFetchAt");
        ListeningTestSupport.makeDue(source);
        poller.pollDue();
        as("viewer").get("/v1/sources/" + source).then().body("health.consecutiveFailures", equalTo(2))
                .body("health.nextFetchAt", greaterThan(firstNext)).body("health.lastSuccessAt", equalTo(null));
    }

    @ParameterizedTest
    @CsvSource({"GET,/v1/sources", "POST,/v1/sources", "GET,/v1/sources/{id}", "PUT,/v1/sources/{id}",
            "DELETE,/v1/sources/{id}", "GET,/v1/stories", "GET,/v1/stories/{id}", "POST,/v1/stories/{id}/marks",
            "POST,/v1/stories/{id}/drafts", "GET,/v1/monitors", "POST,/v1/monitors", "GET,/v1/monitors/{id}",
            "PUT,/v1/monitors/{id}", "DELETE,/v1/monitors/{id}", "GET,/v1/monitors/{id}/matches",
            "GET,/v1/monitors/{id}/counts"})
    void withoutATokenEveryListeningEndpointIs401(String method, String path) {
        given().filter(contract.responsesOnly()).contentType("application/json").body("{}")
                .request(method, path.replace("{id}", "3f0b8d0c-5a3e-4c55-9a51-2f8f0b6c1e2d")).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
