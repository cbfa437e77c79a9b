package io.kogu.content.listen;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Listening end to end (issue 14's acceptance): feeds added, polled, the same story from two sources shown once with
 * both, a monitor matching it in Estonian with and without diacritics, a draft made from it in one call; and every
 * endpoint's happy path, 400, 401, 403 and another workspace's 404.
 */
@QuarkusTest
class ListeningTest {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel>
                <title>Uudised</title>
                <link>https://uudised.example/</link>
                <item>
                  <title><![CDATA[Eesti Pank tõstab <b>intressimäära</b>]]></title>
                  <link>https://uudised.example/pank</link>
                  <guid>uudised-1</guid>
                  <dc:creator>Mari Maasikas</dc:creator>
                  <pubDate>Mon, 30 Nov 2026 08:00:00 +0200</pubDate>
                  <description><![CDATA[<p>Keskpank teatas, et <em>intressimäär</em> tõuseb &amp; laenud kallinevad.</p><script>alert(1)</script>]]></description>
                </item>
              </channel>
            </rss>""";

    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://teine.example/uudised/">
              <title>Teine väljaanne</title>
              <id>urn:teine</id>
              <updated>2026-11-30T09:00:00Z</updated>
              <entry>
                <title>Eesti Pank tostab intressimaara</title>
                <link href="https://uudised.example/pank?utm_source=teine&amp;utm_medium=rss&amp;fbclid=x1"/>
                <id>urn:teine:1</id>
                <updated>2026-11-30T09:00:00Z</updated>
                <author><name>Jaan Tamm</name></author>
                <summary>Keskpanga otsus: laenud kallinevad.</summary>
              </entry>
              <entry>
                <title>Ilm läheb külmemaks</title>
                <link href="ilm/kulm"/>
                <id>urn:teine:2</id>
                <updated>2026-11-30T10:00:00Z</updated>
                <summary>Nädalavahetusel on oodata lund.</summary>
              </entry>
            </feed>""";

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private FeedServer server;

    @Inject
    ListeningPoller poller;

    @BeforeEach
    void startServer() throws IOException {
        server = new FeedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private RequestSpecification as(String role) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf("user-" + role, workspace, role))
                .contentType(ContentType.JSON);
    }

    private String addSource(Map<String, Object> body) {
        return as("editor").body(body).post("/v1/sources").then().statusCode(201).extract().path("id");
    }

    @Test
    void aStoryFromTwoFeedsIsShownOnceWithBothMatchedByAMonitorAndCuratedIntoADraft() {
        server.feed("/rss", "application/rss+xml", RSS);
        server.feed("/atom", "application/atom+xml; charset=utf-8", ATOM);
        String monitor = as("editor").body(Map.of("name", "Intressid", "all", List.of("eesti pank"),
                        "any", List.of("Intressimäära", "intressimäär"), "none", List.of("spordi"), "tags", List.of("pank")))
                .post("/v1/monitors").then().statusCode(201).extract().path("id");
        String rss = addSource(Map.of("kind", "feed", "url", server.url("/rss")));
        String atom = addSource(Map.of("kind", "feed", "url", server.url("/atom"), "competitor", true,
                "title", "Konkurent"));

        poller.pollDue();

        Response stream = as("viewer").get("/v1/stories?sort=most_shared").then().statusCode(200)
                .body("items", hasSize(2)).extract().response();
        assertThat(stream.<Integer>path("items[0].sourceCount")).isEqualTo(2);
        assertThat(stream.<List<String>>path("items[0].items.sourceId")).containsExactly(rss, atom);
        assertThat(stream.<String>path("items[0].url")).isEqualTo("https://uudised.example/pank");
        assertThat(stream.<String>path("items[0].title")).isEqualTo("Eesti Pank tõstab intressimäära");
        assertThat(stream.<String>path("items[0].items[0].summary"))
                .isEqualTo("Keskpank teatas, et intressimäär tõuseb & laenud kallinevad.");
        assertThat(stream.<String>path("items[0].items[0].author")).isEqualTo("Mari Maasikas");
        assertThat(stream.<String>path("items[0].items[0].publishedAt")).isEqualTo("2026-11-30T06:00:00Z");
        assertThat(stream.<String>path("items[0].items[1].url")).isEqualTo("https://uudised.example/pank");
        assertThat(stream.<Boolean>path("items[0].competitor")).isTrue();
        assertThat(stream.<List<String>>path("items[0].monitorIds")).containsExactly(monitor);
        // xml:base resolves the Atom entry's relative link.
        assertThat(stream.<String>path("items[1].url")).isEqualTo("https://teine.example/uudised/ilm/kulm");
        String story = stream.path("items[0].id");

        as("viewer").get("/v1/monitors/" + monitor + "/matches").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].story.id", equalTo(story));
        as("viewer").get("/v1/monitors/" + monitor + "/counts").then().statusCode(200).body("total", equalTo(1))
                .body("hours", hasSize(24));
        as("viewer").get("/v1/stories?competitor=false").then().statusCode(200).body("items", hasSize(0));
        as("viewer").get("/v1/stories?sourceId=" + rss).then().statusCode(200).body("items", hasSize(1));
        as("viewer").get("/v1/stories?monitorId=" + monitor).then().statusCode(200).body("items.id", equalTo(List.of(story)));

        // Read and saved are each person's own.
        as("viewer").body(Map.of("read", true, "saved", true)).post("/v1/stories/" + story + "/marks").then()
                .statusCode(200).body("read", equalTo(true)).body("saved", equalTo(true));
        as("viewer").get("/v1/stories?read=false").then().statusCode(200).body("items", hasSize(1));
        as("viewer").get("/v1/stories?saved=true").then().statusCode(200).body("items.id", equalTo(List.of(story)));
        as("editor").get("/v1/stories?read=false").then().statusCode(200).body("items", hasSize(2));

        Response draft = as("editor").body(Map.of("monitorId", monitor)).post("/v1/stories/" + story + "/drafts")
                .then().statusCode(201).extract().response();
        assertThat(draft.<String>path("title")).isEqualTo("Eesti Pank tõstab intressimäära");
        assertThat(draft.<String>path("link")).isEqualTo("https://uudised.example/pank");
        assertThat(draft.<String>path("body")).contains("“Keskpank teatas").contains("Via Uudised");
        assertThat(draft.<List<String>>path("tags")).containsExactly("pank");
        assertThat(draft.<String>path("status")).isEqualTo("draft");
        as("viewer").get("/v1/drafts/" + draft.path("id")).then().statusCode(200);

        // Nothing changed: the next poll is answered 304 and adds nothing.
        as("admin").get("/v1/sources/" + rss).then().statusCode(200).body("title", equalTo("Uudised"))
                .body("health.lastStatus", equalTo(200)).body("health.itemsPerDay", equalTo(0.14f));
        ListeningTestSupport.makeDue(rss, atom);
        poller.pollDue();
        as("viewer").get("/v1/sources/" + rss).then().statusCode(200).body("health.lastStatus", equalTo(304))
                .body("health.consecutiveFailures", equalTo(0));
        as("viewer").get("/v1/stories").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void aSiteIsReadThroughTheFeedItsPageNames() {
        server.feed("/atom", "application/atom+xml", ATOM);
        server.feed("/site", "text/html; charset=utf-8", """
                <!doctype html><html><head><title>Teine</title>
                <link rel="alternate" type="application/atom+xml" href="/atom"></head><body>Tere</body></html>""");
        String source = addSource(Map.of("kind", "feed", "url", server.url("/site")));
        poller.pollDue();
        as("viewer").get("/v1/sources/" + source).then().statusCode(200).body("feedUrl", equalTo(server.url("/atom")))
                .body("health.lastError", equalTo(null)).body("health.lastStatus", equalTo(200));
        as("viewer").get("/v1/stories?sourceId=" + source).then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void aPageWithoutAFeedIsAnErrorThatSaysSo() {
        server.feed("/page", "text/html", "<html><head><title>x</title></head><body>Just a page</body></html>");
        String source = addSource(Map.of("kind", "feed", "url", server.url("/page")));
        poller.pollDue();
        as("viewer").get("/v1/sources/" + source).then().statusCode(200)
                .body("health.lastError", containsString("HTML without a feed"))
                .body("health.consecutiveFailures", equalTo(1));
    }

    @Test
    void jsonFeedIsRead() {
        server.feed("/feed.json", "application/feed+json", """
                {"version": "https://jsonfeed.org/version/1.1", "title": "JSON uudised",
                 "items": [{"id": "j1", "url": "https://json.example/a?gclid=abc&page=2", "title": "Tallinna uus tramm",
                            "content_html": "<p>Uus trammiliin avati.</p>", "date_published": "2026-11-29T12:00:00+02:00",
                            "authors": [{"name": "Kati Karu"}]}]}""");
        String source = addSource(Map.of("kind", "feed", "url", server.url("/feed.json")));
        poller.pollDue();
        as("viewer").get("/v1/stories?sourceId=" + source).then().statusCode(200)
                .body("items[0].url", equalTo("https://json.example/a?page=2"))
                .body("items[0].summary", equalTo("Uus trammiliin avati."))
                .body("items[0].items[0].author", equalTo("Kati Karu"))
                .body("items[0].publishedAt", equalTo("2026-11-29T10:00:00Z"));
        as("viewer").get("/v1/sources/" + source).then().body("title", equalTo("JSON uudised"));
    }

    // --- every endpoint: 400, 403, cross-workspace 404 ---

    @Test
    void badInputIs400() {
        as("editor").body(Map.of("kind", "feed")).post("/v1/sources").then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "editor"))
                .contentType(ContentType.JSON).body(Map.of("kind", "feed", "url", "ftp://x.example/feed"))
                .post("/v1/sources").then().statusCode(400);
        as("editor").body(Map.of("kind", "mastodon_tag", "instanceUrl", "https://mastodon.example")).post("/v1/sources")
                .then().statusCode(400).body("errors[0].field", equalTo("tag"));
        as("editor").body(Map.of("name", "nothing", "none", List.of("x"))).post("/v1/monitors").then().statusCode(400)
                .body("errors[0].field", equalTo("all"));
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/stories?sort=oldest").then().statusCode(400);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/stories?cursor=nonsense").then().statusCode(400);
        String monitor = as("editor").body(Map.of("name", "m", "any", List.of("x"))).post("/v1/monitors").then()
                .statusCode(201).extract().path("id");
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/monitors/" + monitor + "/counts?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z")
                .then().statusCode(400);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "viewer"))
                .get("/v1/stories/not-a-uuid").then().statusCode(400);
    }

    @Test
    void aCloudMetadataOrLoopbackLiteralIsRefusedWhenAdded() {
        as("editor").body(Map.of("kind", "feed", "url", "http://169.254.169.254/latest/meta-data/")).post("/v1/sources")
                .then().statusCode(422).body("detail", containsString("forbidden address"));
    }

    @Test
    void anotherWorkspacesIdsAre404AndRolesAreChecked() {
        server.feed("/rss", "application/rss+xml", RSS);
        String source = addSource(Map.of("kind", "feed", "url", server.url("/rss")));
        poller.pollDue();
        String story = as("viewer").get("/v1/stories").then().extract().path("items[0].id");
        String monitor = as("editor").body(Map.of("name", "m", "any", List.of("pank"))).post("/v1/monitors").then()
                .statusCode(201).extract().path("id");
        String etag = as("viewer").get("/v1/sources/" + source).then().extract().header("ETag");
        String other = TestTokens.newWorkspace();
        Supplier<RequestSpecification> strangers = () -> given().filter(contract.full())
                .auth().oauth2(TestTokens.token(other, "admin")).contentType(ContentType.JSON);
        strangers.get().get("/v1/sources/" + source).then().statusCode(404);
        strangers.get().get("/v1/stories/" + story).then().statusCode(404);
        strangers.get().get("/v1/monitors/" + monitor).then().statusCode(404);
        strangers.get().get("/v1/monitors/" + monitor + "/matches").then().statusCode(404);
        strangers.get().get("/v1/monitors/" + monitor + "/counts").then().statusCode(404);
        strangers.get().body(Map.of("read", true)).post("/v1/stories/" + story + "/marks").then().statusCode(404);
        strangers.get().body(Map.of()).post("/v1/stories/" + story + "/drafts").then().statusCode(404);
        strangers.get().header("If-Match", etag).body(Map.of("kind", "feed", "url", server.url("/rss")))
                .put("/v1/sources/" + source).then().statusCode(404);
        strangers.get().header("If-Match", etag).delete("/v1/sources/" + source).then().statusCode(404);
        strangers.get().header("If-Match", "\"0\"").body(Map.of("name", "x", "any", List.of("y")))
                .put("/v1/monitors/" + monitor).then().statusCode(404);
        strangers.get().header("If-Match", "\"0\"").delete("/v1/monitors/" + monitor).then().statusCode(404);
        strangers.get().get("/v1/sources").then().statusCode(200).body("items", hasSize(0));
        strangers.get().get("/v1/stories").then().statusCode(200).body("items", hasSize(0));
        strangers.get().get("/v1/monitors").then().statusCode(200).body("items", hasSize(0));

        // Writes need editor or admin; a viewer reads and marks.
        as("viewer").body(Map.of("kind", "feed", "url", server.url("/x"))).post("/v1/sources").then().statusCode(403);
        as("viewer").body(Map.of()).post("/v1/stories/" + story + "/drafts").then().statusCode(403);
        as("approver").body(Map.of("name", "x", "any", List.of("y"))).post("/v1/monitors").then().statusCode(403);
        as("integration").get("/v1/stories").then().statusCode(403);

        // The owner's updates and deletes, with If-Match.
        as("editor").header("If-Match", etag).body(Map.of("kind", "feed", "url", server.url("/rss"), "competitor", true))
                .put("/v1/sources/" + source).then().statusCode(200).body("competitor", equalTo(true));
        as("viewer").get("/v1/stories/" + story).then().statusCode(200).body("competitor", equalTo(true));
        as("editor").body(Map.of("kind", "feed", "url", server.url("/rss"))).post("/v1/sources").then().statusCode(409);
        String monitorTag = as("viewer").get("/v1/monitors/" + monitor).then().statusCode(200).extract().header("ETag");
        as("editor").header("If-Match", monitorTag).body(Map.of("name", "renamed", "all", List.of("pank")))
                .put("/v1/monitors/" + monitor).then().statusCode(200).body("name", equalTo("renamed"));
        as("editor").body(Map.of("name", "stale", "all", List.of("pank"))).put("/v1/monitors/" + monitor).then()
                .statusCode(428);
        as("viewer").get("/v1/monitors").then().statusCode(200).body("items.id", hasItem(monitor));
        as("viewer").get("/v1/sources?competitor=true").then().statusCode(200).body("items.id", equalTo(List.of(source)));
        String current = as("viewer").get("/v1/monitors/" + monitor).then().extract().header("ETag");
        as("editor").header("If-Match", current).delete("/v1/monitors/" + monitor).then().statusCode(204);
        String sourceTag = as("viewer").get("/v1/sources/" + source).then().extract().header("ETag");
        as("admin").header("If-Match", sourceTag).delete("/v1/sources/" + source).then().statusCode(204);
        as("viewer").get("/v1/stories/" + story).then().statusCode(404);
    }
}
