package io.kogu.content.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversation collection against WireMock answering as Mastodon documents it: the channel's account
 * (https://docs.joinmastodon.org/methods/accounts/#verify_credentials), a post's thread
 * (https://docs.joinmastodon.org/methods/statuses/#context: {@code ancestors}, {@code descendants}), mention
 * notifications (https://docs.joinmastodon.org/methods/notifications/#get, newest first, {@code since_id}), a
 * refused token (401) and a rate limit (429 with {@code X-RateLimit-Reset}, https://docs.joinmastodon.org/api/rate-limits/).
 */
@QuarkusTest
class ConversationCollectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer mastodon;

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    Publisher publisher;

    @Inject
    ConversationCollector collector;

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

    private String etag(String id) {
        return as("vic", "viewer").get("/v1/drafts/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    private void stub(String token, String path, int status, String body) {
        mastodon.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** Publishes a post to the channel (Mastodon answers status {@code statusId}); answers the publication id. */
    private String publish(String channel, String token, String statusId) {
        mastodon.stubFor(post(urlPathEqualTo("/api/v1/statuses")).withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"id":"%s","url":"https://mastodon.example/@kogu/%s","account":{"id":"1","acct":"kogu"}}"""
                        .formatted(statusId, statusId))));
        String draft = as("ann", "editor").body("{\"title\":\"Launch\",\"body\":\"Monday!\",\"channelIds\":[\"%s\"]}"
                .formatted(channel)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("ann", "editor").header("If-Match", etag(draft)).body("{}").post("/v1/drafts/{id}/submission", draft)
                .then().statusCode(200);
        as("bob", "approver").header("If-Match", etag(draft)).body("{}").post("/v1/drafts/{id}/approvals", draft)
                .then().statusCode(200);
        String id = as("bob", "approver").header("If-Match", etag(draft)).body("{}")
                .post("/v1/drafts/{id}/publish-now", draft).then().statusCode(202).extract().path("publications[0].id");
        publisher.publishDue();
        return id;
    }

    private List<JsonNode> items(String channel) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select payload from outbox where event_type = 'conversation.items'
                     and payload->'items'->0->>'channelId' = ? order by created_at""")) {
            statement.setString(1, channel);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    messages.add(JSON.readTree(rows.getString(1)));
                }
            }
        }
        return messages;
    }

    private String channelColumn(String channel, String column) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select " + column + " from channel where id = ?::uuid")) {
            statement.setString(1, channel);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static String status(String id, String inReplyTo, String accountId, String acct, String html, Instant at) {
        return """
                {"id":"%s","in_reply_to_id":%s,"created_at":"%s","url":"https://mastodon.example/@x/%s",
                 "content":"%s","account":{"id":"%s","acct":"%s","display_name":"%s"}}"""
                .formatted(id, inReplyTo == null ? "null" : "\"" + inReplyTo + "\"", at, id, html, accountId, acct,
                        acct.substring(0, 1).toUpperCase() + acct.substring(1, acct.indexOf('@') < 0 ? acct.length() : acct.indexOf('@')));
    }

    @Test
    void commentsRepliesMentionsAndOurOwnRepliesGoToAudienceBatchedWithTheThreadAndThePublication() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        String channel = channel(token);
        String post = Long.toString(System.nanoTime());
        String publication = publish(channel, token, post);
        Instant now = Instant.now();

        stub(token, "/api/v1/accounts/verify_credentials", 200, "{\"id\":\"1\",\"acct\":\"kogu\"}");
        stub(token, "/api/v1/statuses/" + post + "/context", 200, """
                {"ancestors":[],"descendants":[%s,%s,%s]}""".formatted(
                status(post + "1", post, "55", "ann", "<p>Millal <b>see</b> tuleb?</p><p>Ootan!</p>", now.minusSeconds(300)),
                status(post + "2", post + "1", "1", "kogu", "<p><span class=\\\"h-card\\\">@ann</span> Esmaspäeval!</p>", now.minusSeconds(200)),
                status(post + "3", post + "1", "56", "bob@other.example", "<p>Me too</p>", now.minusSeconds(100))));
        stub(token, "/api/v1/notifications", 200, """
                [{"id":"9002","type":"mention","status":%s},{"id":"9001","type":"mention","status":%s}]""".formatted(
                status(post + "4", null, "57", "cat@else.example", "<p>@kogu is great</p>", now.minusSeconds(50)),
                status(post + "1", post, "55", "ann", "<p>Millal <b>see</b> tuleb?</p><p>Ootan!</p>", now.minusSeconds(300))));

        collector.collectDue(now);

        List<JsonNode> messages = items(channel);
        assertThat(messages).hasSize(1);
        Map<String, JsonNode> byId = new HashMap<>();
        messages.get(0).path("items").forEach(i -> byId.put(i.path("externalId").asText(), i));
        assertThat(byId).containsOnlyKeys(post + "1", post + "2", post + "3", post + "4");
        JsonNode comment = byId.get(post + "1");
        assertThat(comment.path("kind").asText()).isEqualTo("comment");
        assertThat(comment.path("network").asText()).isEqualTo("mastodon");
        assertThat(comment.path("rootExternalId").asText()).isEqualTo(post);
        assertThat(comment.path("parentExternalId").asText()).isEqualTo(post);
        assertThat(comment.path("publicationId").asText()).isEqualTo(publication);
        assertThat(comment.path("authorHandle").asText()).isEqualTo("@ann@127.0.0.1");
        assertThat(comment.path("authorName").asText()).isEqualTo("Ann");
        assertThat(comment.path("text").asText()).isEqualTo("Millal see tuleb?\n\nOotan!");
        assertThat(comment.path("fromUs").asBoolean()).isFalse();
        JsonNode ours = byId.get(post + "2");
        assertThat(ours.path("kind").asText()).isEqualTo("reply");
        assertThat(ours.path("parentExternalId").asText()).isEqualTo(post + "1");
        assertThat(ours.path("fromUs").asBoolean()).isTrue();
        assertThat(byId.get(post + "3").path("authorHandle").asText()).isEqualTo("@bob@other.example");
        JsonNode mention = byId.get(post + "4");
        assertThat(mention.path("kind").asText()).isEqualTo("mention");
        assertThat(mention.path("rootExternalId").asText()).isEqualTo(post + "4");
        assertThat(mention.has("publicationId")).isFalse();

        // The next reading starts from where this one ended: since_id (Mastodon answers only newer mentions: none
        // here), and only newer thread replies.
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withHeader("Authorization", WireMock.equalTo("Bearer " + token))
                .withQueryParam("since_id", WireMock.equalTo("9002"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        collector.collectDue(now.plusSeconds(61));
        mastodon.verify(getRequestedFor(urlPathEqualTo("/api/v1/notifications")).withQueryParam("since_id", WireMock.equalTo("9002")));
        List<JsonNode> again = items(channel);
        int resent = again.size() == 1 ? 0 : again.get(1).path("items").size();
        assertThat(resent).as("at most the newest thread reply is read again (audience ignores it)").isLessThanOrEqualTo(1);
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement prepared = connection.prepareStatement(statement)) {
            prepared.execute();
        }
    }

    private Map<String, String> collection(String channel) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select claimed_by, lease_until, next_reading_at, last_error, readings
                     from conversation_collection where channel_id = ?::uuid""")) {
            statement.setString(1, channel);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Map<String, String> row = new HashMap<>();
                for (String column : List.of("claimed_by", "lease_until", "next_reading_at", "last_error", "readings")) {
                    row.put(column, rows.getString(column));
                }
                return row;
            }
        }
    }

    @Test
    void aReadingThatCannotBeStoredIsReadAgainAtTheChannelsNextTurnNotAfterTheLease() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        String channel = channel(token);
        Instant now = Instant.now();
        stub(token, "/api/v1/accounts/verify_credentials", 200, "{\"id\":\"1\",\"acct\":\"kogu\"}");
        stub(token, "/api/v1/notifications", 200, "[{\"id\":\"9101\",\"type\":\"mention\",\"status\":%s}]"
                .formatted(status("9101", null, "57", "cat@else.example", "<p>@kogu hello</p>", now.minusSeconds(50))));
        // The database refuses to store this channel's reading (as a lost optimistic-lock race on its renewed
        // credentials did in system-tests), but not the release of its claim.
        String refuse = "kogu_test_refuse_" + channel.replace("-", "");
        sql("""
                create function %s() returns trigger language plpgsql as $$
                begin
                    if new.channel_id = '%s'::uuid and new.readings > old.readings then
                        raise exception 'the test refuses this reading';
                    end if;
                    return new;
                end $$""".formatted(refuse, channel));
        sql("create trigger %s before update on conversation_collection for each row execute function %s()"
                .formatted(refuse, refuse));
        try {
            collector.collectDue(now);
        } finally {
            sql("drop trigger %s on conversation_collection".formatted(refuse));
            sql("drop function %s()".formatted(refuse));
        }

        Map<String, String> after = collection(channel);
        assertThat(items(channel)).as("nothing of the reading was stored").isEmpty();
        assertThat(after.get("claimed_by")).as("the claim is released, not left leased").isNull();
        assertThat(after.get("lease_until")).isNull();
        assertThat(after.get("last_error")).contains("storing the reading failed");
        assertThat(after.get("readings")).isEqualTo("0");

        // At its next turn (kogu.collector.conversations-every is off in tests: a minute) it is read and stored.
        collector.collectDue(now.plusSeconds(61));
        assertThat(items(channel)).hasSize(1);
        assertThat(collection(channel).get("last_error")).isNull();
    }

    @Test
    void aRefusedTokenMakesTheChannelNeedReconnectingAndARateLimitMakesItWait() throws Exception {
        String refused = "tok-" + UUID.randomUUID();
        String refusedChannel = channel(refused);
        stub(refused, "/api/v1/accounts/verify_credentials", 401, "{\"error\":\"The access token is invalid\"}");
        String limited = "tok-" + UUID.randomUUID();
        String limitedChannel = channel(limited);
        Instant now = Instant.now();
        stub(limited, "/api/v1/accounts/verify_credentials", 200, "{\"id\":\"1\",\"acct\":\"kogu\"}");
        mastodon.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withHeader("Authorization", WireMock.equalTo("Bearer " + limited))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("X-RateLimit-Reset", now.plusSeconds(600).toString())
                        .withBody("{\"error\":\"Too many requests\"}")));

        collector.collectDue(now);

        assertThat(channelColumn(refusedChannel, "status")).isEqualTo("needs_reconnect");
        assertThat(channelColumn(limitedChannel, "status")).isEqualTo("connected");
        assertThat(channelColumn(limitedChannel, "collection_blocked_until")).isNotNull();
        assertThat(items(refusedChannel)).isEmpty();
        assertThat(items(limitedChannel)).isEmpty();
    }
}
