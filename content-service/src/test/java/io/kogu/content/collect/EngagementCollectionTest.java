package io.kogu.content.collect;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kogu.content.publish.Publisher;
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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engagement collection against WireMock answering as Mastodon documents it: statuses posted
 * (https://docs.joinmastodon.org/methods/statuses/#create), read back many at a time with
 * {@code GET /api/v1/statuses?id[]=} (https://docs.joinmastodon.org/methods/statuses/#index), who favourited and
 * boosted (#favourited_by, #reblogged_by), a refused token (401 {@code {"error":"The access token is invalid"}})
 * and a rate limit (429, https://docs.joinmastodon.org/api/rate-limits/).
 */
@QuarkusTest
class EngagementCollectionTest {

    private static WireMockServer mastodon;

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    Publisher publisher;

    @Inject
    EngagementCollector collector;

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

    /** A Mastodon channel on the WireMock "instance" at {@code /<path>}, with its own token. */
    private String channel(String token) {
        return as("ada", "admin").body("""
                        {"network":"mastodon","handle":"@kogu-%s@mastodon.example","timeZone":"Europe/Tallinn",
                         "connection":{"instanceUrl":"http://127.0.0.1:%d"},"credentials":{"accessToken":"%s"}}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), mastodon.port(), token))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    private String etag(String path, String id) {
        return as("vic", "viewer").get(path, id).then().statusCode(200).extract().header("ETag");
    }

    /** Publishes a post to the channel through Mastodon's POST /api/v1/statuses answering status {@code statusId}. */
    private String publish(String channel, String token, String statusId) {
        mastodon.stubFor(post(urlPathEqualTo("/api/v1/statuses")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"id":"%s","url":"https://mastodon.example/@kogu/%s","favourites_count":0,"reblogs_count":0,
                         "replies_count":0,"account":{"id":"1","acct":"kogu","followers_count":10}}"""
                        .formatted(statusId, statusId))));
        String draft = as("ann", "editor").body("""
                        {"title":"Launch","body":"Monday!","channelIds":["%s"]}""".formatted(channel))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("ann", "editor").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{}")
                .post("/v1/drafts/{id}/submission", draft).then().statusCode(200);
        as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{}")
                .post("/v1/drafts/{id}/approvals", draft).then().statusCode(200);
        String id = as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{}")
                .post("/v1/drafts/{id}/publish-now", draft).then().statusCode(202)
                .extract().path("publications[0].id");
        publisher.publishDue();
        as("vic", "viewer").get("/v1/publications/{id}", id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("published"));
        return id;
    }

    private void counters(String token, String statusId, int favourites, int reblogs, int replies) {
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/statuses")).withHeader("Authorization", equalTo("Bearer " + token))
                .withQueryParam("id[]", equalTo(statusId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        [{"id":"%s","created_at":"2026-03-16T14:44:31.580Z","visibility":"public",
                          "replies_count":%d,"reblogs_count":%d,"favourites_count":%d,
                          "account":{"id":"1","username":"kogu","acct":"kogu"}}]"""
                        .formatted(statusId, replies, reblogs, favourites))));
    }

    private void engagers(String token, String statusId, String favouritedBy, String rebloggedBy) {
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/statuses/" + statusId + "/favourited_by"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(favouritedBy)));
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/statuses/" + statusId + "/reblogged_by"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(rebloggedBy)));
    }

    private Instant publishedAt(String publication) {
        return java.time.OffsetDateTime.parse(as("vic", "viewer").get("/v1/publications/{id}", publication).then()
                .extract().<String>path("publishedAt")).toInstant();
    }

    private List<String> readings(String publication) throws SQLException {
        List<String> payloads = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select payload->'events' from outbox where event_type = 'engagement.reading'
                     and payload->>'publicationId' = ? order by created_at""")) {
            statement.setString(1, publication);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    payloads.add(rows.getString(1));
                }
            }
        }
        return payloads;
    }

    /** "readings next-reading-at" of the publication's collection row. */
    private String nextReading(String publication) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select readings, next_reading_at from engagement_collection where publication_id = ?::uuid")) {
            statement.setString(1, publication);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                java.sql.Timestamp next = rows.getTimestamp(2);
                return rows.getInt(1) + " " + (next == null ? "-" : next.toInstant().toString());
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The event of a reading with this id. */
    private static com.fasterxml.jackson.databind.JsonNode event(String events, String eventId) throws Exception {
        for (com.fasterxml.jackson.databind.JsonNode event : JSON.readTree(events)) {
            if (eventId.equals(event.path("eventId").asText())) {
                return event;
            }
        }
        throw new AssertionError("no event " + eventId + " in " + events);
    }

    @Test
    void countersAndEngagersBecomeSnapshotsAndNamedEventsOnTheDecayingSchedule() throws Exception {
        String token = "good-" + UUID.randomUUID();
        String statusId = Long.toString(System.nanoTime());
        String channel = channel(token);
        String publication = publish(channel, token, statusId);
        Instant published = publishedAt(publication);
        assertThat(nextReading(publication)).as("the first reading is 5 minutes after publication")
                .isEqualTo("0 " + published.plus(Duration.ofMinutes(5)));

        // Nothing is due before 5 minutes.
        collector.collectDue(published.plus(Duration.ofMinutes(4)));
        assertThat(readings(publication)).isEmpty();

        counters(token, statusId, 3, 1, 2);
        engagers(token, statusId, """
                [{"id":"11","username":"ann","acct":"ann"},{"id":"12","username":"bob","acct":"Bob@other.example"}]""", "[]");
        collector.collectDue(published.plus(Duration.ofMinutes(6)));
        List<String> first = readings(publication);
        assertThat(first).hasSize(1);
        String events = first.get(0);
        String prefix = "kogu:" + publication + ":";
        // Two named favourites (the local account gets its instance), the third one only counted.
        assertThat(event(events, prefix + "favorite:a:11").path("actorHandle").asText()).isEqualTo("ann@127.0.0.1");
        assertThat(event(events, prefix + "favorite:a:11").path("count").asInt()).isEqualTo(1);
        assertThat(event(events, prefix + "favorite:a:12").path("actorHandle").asText()).isEqualTo("Bob@other.example");
        assertThat(event(events, prefix + "favorite:r0").path("total").asLong()).isEqualTo(1);
        assertThat(event(events, prefix + "favorite:r0").path("occurredAt").asText())
                .isEqualTo(published.plus(Duration.ofMinutes(6)).toString());
        assertThat(event(events, prefix + "repost:r0").path("total").asLong()).isEqualTo(1);
        assertThat(event(events, prefix + "comment:r0").path("total").asLong()).isEqualTo(2);
        assertThat(event(events, prefix + "comment:r0").path("publicationId").asText()).isEqualTo(publication);
        assertThat(nextReading(publication)).as("then 15 minutes after publication")
                .isEqualTo("1 " + published.plus(Duration.ofMinutes(15)));

        // The next reading: one favourite was undone (the snapshot goes down: a negative delta in metrics-service);
        // the people already sent are not sent again.
        counters(token, statusId, 2, 1, 2);
        collector.collectDue(published.plus(Duration.ofMinutes(16)));
        List<String> second = readings(publication);
        assertThat(second).hasSize(2);
        assertThat(second.get(1)).doesNotContain(":a:11");
        assertThat(event(second.get(1), prefix + "favorite:r1").path("total").asLong()).isZero();
        assertThat(event(second.get(1), prefix + "comment:r1").path("total").asLong()).isEqualTo(2);
        // Late by hours: the missed readings are not made up; the next one is the first still ahead (6 h).
        collector.collectDue(published.plus(Duration.ofHours(4)));
        assertThat(readings(publication)).hasSize(3);
        assertThat(nextReading(publication)).isEqualTo("3 " + published.plus(Duration.ofHours(6)));
        // Due again only then: nothing in between.
        collector.collectDue(published.plus(Duration.ofHours(5)));
        assertThat(readings(publication)).hasSize(3);
        // One call per batch of posts: GET /api/v1/statuses?id[]=… with the channel's token.
        mastodon.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/statuses")).withHeader("Authorization",
                equalTo("Bearer " + token)));
    }

    @Test
    void aRevokedTokenTurnsOnlyThatChannelNeedsReconnectAndStopsItsCollection() throws SQLException {
        String good = "good-" + UUID.randomUUID();
        String revoked = "revoked-" + UUID.randomUUID();
        String goodStatus = Long.toString(System.nanoTime());
        String revokedStatus = Long.toString(System.nanoTime() + 1);
        String goodChannel = channel(good);
        String revokedChannel = channel(revoked);
        String goodPublication = publish(goodChannel, good, goodStatus);
        String revokedPublication = publish(revokedChannel, revoked, revokedStatus);
        counters(good, goodStatus, 1, 0, 0);
        engagers(good, goodStatus, "[]", "[]");
        mastodon.stubFor(get(urlPathMatching("/api/v1/statuses.*")).withHeader("Authorization", equalTo("Bearer " + revoked))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"The access token is invalid\"}")));

        Instant later = publishedAt(revokedPublication).plus(Duration.ofMinutes(6));
        collector.collectDue(later);

        as("vic", "viewer").get("/v1/channels/{id}", revokedChannel).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("needs_reconnect"))
                .body("lastError", org.hamcrest.Matchers.containsString("reconnect"));
        as("vic", "viewer").get("/v1/channels/{id}", goodChannel).then()
                .body("status", org.hamcrest.Matchers.equalTo("connected"));
        assertThat(readings(goodPublication)).hasSize(1);
        assertThat(readings(revokedPublication)).isEmpty();
        assertThat(nextReading(revokedPublication)).as("nothing was read").startsWith("0 ");
        // Its collection has stopped: later runs do not call Mastodon with that token again.
        int calls = mastodon.findAll(getRequestedFor(urlPathMatching("/api/v1/statuses.*"))
                .withHeader("Authorization", equalTo("Bearer " + revoked))).size();
        collector.collectDue(later.plus(Duration.ofHours(1)));
        assertThat(mastodon.findAll(getRequestedFor(urlPathMatching("/api/v1/statuses.*"))
                .withHeader("Authorization", equalTo("Bearer " + revoked)))).hasSize(calls);
    }

    @Test
    void aRateLimitMakesTheChannelWaitForRetryAfter() throws SQLException {
        String token = "limited-" + UUID.randomUUID();
        String statusId = Long.toString(System.nanoTime());
        String channel = channel(token);
        String publication = publish(channel, token, statusId);
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/statuses")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Too many requests\"}")));
        Instant at = publishedAt(publication).plus(Duration.ofMinutes(6));
        collector.collectDue(at);
        assertThat(readings(publication)).isEmpty();
        // Within the ten minutes Mastodon asked for, the channel is not called again.
        collector.collectDue(at.plus(Duration.ofMinutes(5)));
        assertThat(mastodon.findAll(getRequestedFor(urlPathEqualTo("/api/v1/statuses"))
                .withHeader("Authorization", equalTo("Bearer " + token)))).hasSize(1);
        // After it, the reading is taken.
        counters(token, statusId, 4, 0, 0);
        engagers(token, statusId, "[]", "[]");
        collector.collectDue(at.plus(Duration.ofMinutes(11)));
        assertThat(readings(publication)).hasSize(1);
        as("vic", "viewer").get("/v1/channels/{id}", channel).then()
                .body("status", org.hamcrest.Matchers.equalTo("connected"));
    }
}
