package io.kogu.content.publish.connector.bluesky;

import io.kogu.testsupport.BlueskyTestNetwork;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.ReplyPost;
import io.kogu.content.publish.connector.TestConnectors;
import io.kogu.platform.outbound.OutboundHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Bluesky connector against the reference PDS ({@link BlueskyTestNetwork}): what it stores is read back with
 * {@code com.atproto.repo.getRecord} / {@code listRecords}, as any Bluesky client would see it.
 */
class BlueskyConnectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the JDK client's h2c upgrade request makes Node's HTTP server drop the connection.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static BlueskyTestNetwork network;
    private static OutboundHttp http;
    private static HttpServer media;
    private static byte[] png;

    /** Each test asks, so that without npm every test reports itself skipped with the reason. */
    @BeforeEach
    void network() {
        network = BlueskyTestNetwork.get();
    }

    @BeforeAll
    static void start() throws IOException {
        http = TestConnectors.outboundHttp(Duration.ofSeconds(30));
        png = png(3, 2);
        media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        media.createContext("/launch.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        });
        media.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (media != null) {
            media.stop(0);
        }
        if (http != null) {
            http.close();
        }
    }

    private static BlueskyConnector connector(Clock clock) {
        return new BlueskyConnector(http, TestConnectors.mediaFetcher(http), URI.create("https://bsky.invalid"), clock);
    }

    private static BlueskyConnector connector() {
        return connector(Clock.systemUTC());
    }

    private static Account account(String name, URI pds, Map<String, String> credentials) {
        return new Account(UUID.randomUUID(), "ws-" + UUID.randomUUID(), "bluesky", "@" + name + ".test",
                Map.of("serviceUrl", pds.toString()), credentials);
    }

    private static Account withAppPassword(String name) {
        return account(name, network.pdsUrl(), Map.of("appPassword", network.account(name).appPassword()));
    }

    private static Post post(UUID publicationId, String text, List<PostMedia> media, String firstComment, String language) {
        return new Post(publicationId, UUID.randomUUID(), 1, text, "A title", null, media, firstComment, language, List.of(),
                new HashMap<>());
    }

    @Test
    void textWithALinkAMentionAndAHashtagIsStoredWithFacetsAtUtf8ByteOffsets() throws Exception {
        String text = "🚀 Tõnu ütleb: @bob.test vaata https://example.com/launch?x=1 #käivitus ja @nobody.test";
        Account account = withAppPassword("alice");
        UUID publication = UUID.randomUUID();

        Published published = connector().publish(post(publication, text, List.of(), null, "et"), account);

        String rkey = RecordKeys.post(publication);
        String did = network.account("alice").did();
        assertThat(published.externalId()).isEqualTo("at://" + did + "/app.bsky.feed.post/" + rkey);
        assertThat(published.url()).isEqualTo("https://bsky.app/profile/alice.test/post/" + rkey);
        JsonNode record = getRecord(did, rkey).path("value");
        assertThat(record.path("text").asText()).isEqualTo(text);
        assertThat(record.path("langs")).extracting(JsonNode::asText).containsExactly("et");
        assertThat(Instant.parse(record.path("createdAt").asText())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                Duration.ofMinutes(5)));

        Map<String, JsonNode> byCoveredText = new HashMap<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (JsonNode facet : record.path("facets")) {
            String covered = new String(Arrays.copyOfRange(bytes, facet.path("index").path("byteStart").asInt(),
                    facet.path("index").path("byteEnd").asInt()), StandardCharsets.UTF_8);
            byCoveredText.put(covered, facet.path("features").get(0));
        }
        // the unresolvable @nobody.test stays plain text
        assertThat(byCoveredText).containsOnlyKeys("@bob.test", "https://example.com/launch?x=1", "#käivitus");
        assertThat(byCoveredText.get("@bob.test").path("$type").asText()).isEqualTo("app.bsky.richtext.facet#mention");
        assertThat(byCoveredText.get("@bob.test").path("did").asText()).isEqualTo(network.account("bob").did());
        assertThat(byCoveredText.get("https://example.com/launch?x=1").path("uri").asText()).isEqualTo("https://example.com/launch?x=1");
        assertThat(byCoveredText.get("#käivitus").path("tag").asText()).isEqualTo("käivitus");

        // the session is kept for the next publication
        assertThat(account.credentialsReplaced()).isTrue();
        assertThat(account.credentials()).containsKeys("accessJwt", "refreshJwt").containsEntry("did", did)
                .containsEntry("appPassword", network.account("alice").appPassword());
    }

    @Test
    void anImageIsUploadedAndEmbeddedWithItsAltTextAndAspectRatio() throws Exception {
        Account account = withAppPassword("carol");
        UUID publication = UUID.randomUUID();
        PostMedia image = new PostMedia(URI.create("http://127.0.0.1:" + media.getAddress().getPort() + "/launch.png"),
                "image", "A rocket on its launch pad at dawn", null, null);

        connector().publish(post(publication, "Launch day", List.of(image), null, null), account);

        String did = network.account("carol").did();
        JsonNode embed = getRecord(did, RecordKeys.post(publication)).path("value").path("embed");
        assertThat(embed.path("$type").asText()).isEqualTo("app.bsky.embed.images");
        JsonNode embedded = embed.path("images").get(0);
        assertThat(embedded.path("alt").asText()).isEqualTo("A rocket on its launch pad at dawn");
        assertThat(embedded.path("aspectRatio").path("width").asInt()).isEqualTo(3);
        assertThat(embedded.path("aspectRatio").path("height").asInt()).isEqualTo(2);
        assertThat(embedded.path("image").path("mimeType").asText()).isEqualTo("image/png");
        String cid = embedded.path("image").path("ref").path("$link").asText();
        HttpResponse<byte[]> blob = CLIENT.send(HttpRequest.newBuilder(network.pdsUrl().resolve(
                "/xrpc/com.atproto.sync.getBlob?did=" + enc(did) + "&cid=" + enc(cid))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).isEqualTo(png);
    }

    @Test
    void anExpiredAccessTokenIsRenewedWithTheRefreshToken() throws Exception {
        BlueskyTestNetwork.TestAccount alice = network.account("alice");
        JsonNode session = createSession(alice);
        // A stored session whose access token has run out; no app password, so only refreshSession can renew it.
        Account account = account("alice", network.pdsUrl(), Map.of("accessJwt", alice.expiredAccessJwt(),
                "refreshJwt", session.path("refreshJwt").asText(), "did", alice.did()));
        UUID publication = UUID.randomUUID();

        connector().publish(post(publication, "After a refresh", List.of(), null, null), account);

        assertThat(getRecord(alice.did(), RecordKeys.post(publication)).path("value").path("text").asText()).isEqualTo("After a refresh");
        assertThat(account.credentials().get("accessJwt")).isNotEqualTo(alice.expiredAccessJwt());
        assertThat(account.credentials().get("refreshJwt")).isNotEqualTo(session.path("refreshJwt").asText());
    }

    @Test
    void refreshRenewsTheSessionAndFallsBackToTheAppPassword() throws Exception {
        BlueskyTestNetwork.TestAccount bob = network.account("bob");
        JsonNode session = createSession(bob);
        Account account = account("bob", network.pdsUrl(), Map.of("refreshJwt", session.path("refreshJwt").asText(), "did", bob.did()));
        connector().refresh(account);
        assertThat(account.credentials().get("refreshJwt")).isNotEqualTo(session.path("refreshJwt").asText());
        assertThat(account.credentials()).containsKey("accessJwt");

        // A refresh token the PDS does not take (400 InvalidToken): the app password makes a new session.
        Account stale = account("bob", network.pdsUrl(), Map.of("refreshJwt", "not-a-refresh-token", "did", bob.did(),
                "appPassword", bob.appPassword()));
        connector().refresh(stale);
        assertThat(stale.credentials().get("accessJwt")).isNotBlank();
        assertThat(stale.credentials().get("refreshJwt")).isNotEqualTo(session.path("refreshJwt").asText());
    }

    @Test
    void aWrongAppPasswordIsUnauthorized() {
        Account account = account("bob", network.pdsUrl(), Map.of("appPassword", "aaaa-bbbb-cccc-dddd"));
        assertThatThrownBy(() -> connector().publish(post(UUID.randomUUID(), "never", List.of(), null, null), account))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
                    assertThat(f.httpStatus()).isEqualTo(401);
                    assertThat(f.reason()).contains("app password");
                });
    }

    @Test
    void aRepeatAfterAnUnknownOutcomeWritesNoSecondRecord() throws Exception {
        BlueskyTestNetwork.TestAccount carol = network.account("carol");
        UUID publication = UUID.randomUUID();
        AtomicInteger writes = new AtomicInteger();
        // A gateway that passes the write to the PDS and then loses the answer (504): the post is out, Kogu cannot know.
        HttpServer lossy = forwardingProxy(network.pdsUrl(), path -> path.endsWith("com.atproto.repo.putRecord") && writes.incrementAndGet() == 1);
        try {
            URI viaProxy = URI.create("http://127.0.0.1:" + lossy.getAddress().getPort());
            Account account = account("carol", viaProxy, Map.of("appPassword", carol.appPassword()));
            int before = listRecords(carol.did()).size();
            Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);

            assertThatThrownBy(() -> connector(clock).publish(post(publication, "Only once", List.of(), null, null), account))
                    .isInstanceOfSatisfying(PublishFailure.class, f -> assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN));
            assertThat(connector(clock).repeatIsSafe()).isTrue();

            // The publisher repeats: later (another createdAt), with the session the first attempt kept.
            Account again = account("carol", viaProxy, account.credentials());
            Published first = connector(Clock.offset(clock, Duration.ofMinutes(3))).publish(
                    post(publication, "Only once", List.of(), null, null), again);
            Published second = connector(Clock.offset(clock, Duration.ofMinutes(9))).publish(
                    post(publication, "Only once", List.of(), null, null), again);

            List<JsonNode> records = listRecords(carol.did());
            assertThat(records).hasSize(before + 1);
            assertThat(first.externalId()).isEqualTo(second.externalId())
                    .isEqualTo("at://" + carol.did() + "/app.bsky.feed.post/" + RecordKeys.post(publication));
            JsonNode stored = getRecord(carol.did(), RecordKeys.post(publication)).path("value");
            assertThat(stored.path("createdAt").asText()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        } finally {
            lossy.stop(0);
        }
    }

    @Test
    void theFirstCommentIsAReplyToThePostUnderItsOwnDerivedKey() throws Exception {
        BlueskyTestNetwork.TestAccount bob = network.account("bob");
        UUID publication = UUID.randomUUID();
        Published published = connector().publish(post(publication, "The post", List.of(), "More in the thread #kogu", "en"),
                withAppPassword("bob"));

        JsonNode post = getRecord(bob.did(), RecordKeys.post(publication));
        JsonNode comment = getRecord(bob.did(), RecordKeys.firstComment(publication)).path("value");
        assertThat(comment.path("text").asText()).isEqualTo("More in the thread #kogu");
        assertThat(comment.path("reply").path("root").path("uri").asText()).isEqualTo(published.externalId());
        assertThat(comment.path("reply").path("root").path("cid").asText()).isEqualTo(post.path("cid").asText());
        assertThat(comment.path("reply").path("parent").path("uri").asText()).isEqualTo(published.externalId());
        assertThat(comment.path("facets").get(0).path("features").get(0).path("tag").asText()).isEqualTo("kogu");
    }

    @Test
    void aReplyToAFansReplyIsAReplyRecordWithTheThreadsRootAndTheFansReplyAsParent() throws Exception {
        BlueskyTestNetwork.TestAccount alice = network.account("alice");
        BlueskyTestNetwork.TestAccount bob = network.account("bob");
        Published post = connector().publish(post(UUID.randomUUID(), "Our launch post", List.of(), null, "en"),
                withAppPassword("alice"));
        // The fan's reply to our post (written by the same code a client would use: a reply record).
        Published fan = connector().reply(new ReplyPost(UUID.randomUUID(), "When does it ship?", post.externalId(), null),
                withAppPassword("bob"));
        JsonNode fanRecord = getRecord(bob.did(), fan.externalId().substring(fan.externalId().lastIndexOf('/') + 1));
        assertThat(fanRecord.path("value").path("reply").path("root").path("uri").asText()).isEqualTo(post.externalId());

        // Kogu answers the fan: no root given, so it is the fan's own thread root (our post).
        UUID replyId = UUID.randomUUID();
        Account kogu = withAppPassword("alice");
        Published answer = connector().reply(new ReplyPost(replyId, "Monday! @bob.test", fan.externalId(), null), kogu);

        assertThat(answer.externalId()).isEqualTo("at://" + alice.did() + "/app.bsky.feed.post/" + RecordKeys.reply(replyId));
        JsonNode record = getRecord(alice.did(), RecordKeys.reply(replyId)).path("value");
        JsonNode ourPost = getRecord(alice.did(), post.externalId().substring(post.externalId().lastIndexOf('/') + 1));
        assertThat(record.path("text").asText()).isEqualTo("Monday! @bob.test");
        assertThat(record.path("reply").path("parent").path("uri").asText()).isEqualTo(fan.externalId());
        assertThat(record.path("reply").path("parent").path("cid").asText()).isEqualTo(fanRecord.path("cid").asText());
        assertThat(record.path("reply").path("root").path("uri").asText()).isEqualTo(post.externalId());
        assertThat(record.path("reply").path("root").path("cid").asText()).isEqualTo(ourPost.path("cid").asText());
        assertThat(record.path("facets").get(0).path("features").get(0).path("did").asText()).isEqualTo(bob.did());

        // A repeat (after an unknown outcome) writes no second reply.
        int before = listRecords(alice.did()).size();
        Published again = connector(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)))
                .reply(new ReplyPost(replyId, "Monday! @bob.test", fan.externalId(), null), withAppPassword("alice"));
        assertThat(again.externalId()).isEqualTo(answer.externalId());
        assertThat(listRecords(alice.did())).hasSize(before);
    }

    @Test
    void aReplyToAPostThatIsNotThereIsRejected() {
        String missing = "at://" + network.account("bob").did() + "/app.bsky.feed.post/3kaaaaaaaaaaa";
        assertThatThrownBy(() -> connector().reply(new ReplyPost(UUID.randomUUID(), "Hi", missing, null),
                withAppPassword("alice"))).isInstanceOfSatisfying(PublishFailure.class,
                f -> assertThat(f.outcome()).isIn(PublishFailure.Outcome.REJECTED, PublishFailure.Outcome.NOT_PUBLISHED));
        assertThatThrownBy(() -> connector().reply(new ReplyPost(UUID.randomUUID(), "Hi", "12345", null),
                withAppPassword("alice"))).isInstanceOfSatisfying(PublishFailure.class,
                f -> assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED));
    }

    @Test
    void aPostThePdsRefusesIsRejected() {
        String tooLong = "a ".repeat(200); // 400 graphemes: the lexicon allows 300
        assertThatThrownBy(() -> connector().publish(post(UUID.randomUUID(), tooLong, List.of(), null, null), withAppPassword("alice")))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
                    assertThat(f.httpStatus()).isEqualTo(400);
                    assertThat(f.errorCode()).isEqualTo("InvalidRequest");
                    assertThat(f.reason()).contains("Invalid app.bsky.feed.post record");
                });
    }

    // --- reading the PDS as a client does ------------------------------------------------------------------------

    private static JsonNode getRecord(String did, String rkey) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(network.pdsUrl().resolve(
                "/xrpc/com.atproto.repo.getRecord?repo=" + enc(did) + "&collection=app.bsky.feed.post&rkey=" + rkey)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> listRecords(String did) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(network.pdsUrl().resolve(
                    "/xrpc/com.atproto.repo.listRecords?repo=" + enc(did) + "&collection=app.bsky.feed.post&limit=100"
                            + (cursor != null ? "&cursor=" + enc(cursor) : ""))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            page.path("records").forEach(records::add);
            cursor = page.path("records").isEmpty() ? null : page.path("cursor").textValue();
        } while (cursor != null);
        return records;
    }

    private static JsonNode createSession(BlueskyTestNetwork.TestAccount account) throws Exception {
        String body = JSON.createObjectNode().put("identifier", account.handle()).put("password", account.appPassword()).toString();
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(network.pdsUrl().resolve("/xrpc/com.atproto.server.createSession"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Passes every call to the PDS; for a call that {@code loseAnswer} picks, passes it and answers 504 instead. */
    private static HttpServer forwardingProxy(URI pds, java.util.function.Predicate<String> loseAnswer) throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(pds.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Authorization", "Content-Type")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        forward.header(header, value);
                    }
                }
                HttpResponse<byte[]> answer = CLIENT.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (loseAnswer.test(exchange.getRequestURI().getPath())) {
                    exchange.sendResponseHeaders(504, -1);
                    return;
                }
                answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                if (answer.body().length > 0) {
                    exchange.getResponseBody().write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
        return proxy;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xF0828D);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
