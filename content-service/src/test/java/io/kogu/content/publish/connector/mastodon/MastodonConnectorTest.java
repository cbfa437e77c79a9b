package io.kogu.content.publish.connector.mastodon;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.TestConnectors;
import io.kogu.platform.outbound.OutboundHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Mastodon connector against WireMock answering as https://docs.joinmastodon.org/methods/statuses/ and
 * https://docs.joinmastodon.org/methods/media/ document it (their example bodies, their error bodies).
 */
class MastodonConnectorTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

    /** The documented 202 of POST /api/v2/media: a ProcessingMediaAttachment, url still null. */
    private static final String PROCESSING = """
            {"id": "22348641", "type": "image", "url": null,
             "preview_url": "https://files.mastodon.social/media_attachments/files/022/348/641/small/cebc6d51be03e509.jpeg",
             "remote_url": null, "text_url": "https://mastodon.social/media/4Zj6ewxzzzDi0g8JnZQ",
             "meta": {"focus": {"x": -0.69, "y": 0.42}}, "description": "test uploaded via api",
             "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}"}""";

    /** The documented 200 of GET /api/v1/media/:id. */
    private static final String PROCESSED = """
            {"id": "22348641", "type": "image",
             "url": "https://files.mastodon.social/media_attachments/files/022/348/641/original/e96382f26c72a29c.jpeg",
             "preview_url": "https://files.mastodon.social/media_attachments/files/022/348/641/small/e96382f26c72a29c.jpeg",
             "remote_url": null, "text_url": "https://mastodon.social/media/4Zj6ewxzzzDi0g8JnZQ",
             "meta": {"original": {"width": 640, "height": 480, "size": "640x480", "aspect": 1.3333333333333333}},
             "description": "test uploaded via api", "blurhash": "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}"}""";

    private static WireMockServer mastodon;
    private static OutboundHttp http;

    @BeforeAll
    static void start() {
        mastodon = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        mastodon.start();
        http = TestConnectors.outboundHttp(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws Exception {
        mastodon.stop();
        http.close();
    }

    @BeforeEach
    void reset() throws Exception {
        mastodon.resetAll();
    }

    private static String base() {
        return "http://127.0.0.1:" + mastodon.port();
    }

    private static MastodonConnector connector() {
        return new MastodonConnector(http, TestConnectors.mediaFetcher(http), Duration.ofSeconds(5), Duration.ofMillis(50));
    }

    private static Account account(Map<String, String> settings) {
        return new Account(UUID.randomUUID(), "ws", "mastodon", "@kogu@mastodon.example", settings,
                Map.of("accessToken", "token-123"));
    }

    private static Account account() {
        return account(Map.of("instanceUrl", base(), "visibility", "unlisted"));
    }

    private static Post aPost(UUID publicationId, String text, List<PostMedia> media, String firstComment) {
        return new Post(publicationId, UUID.randomUUID(), 1, text, null, null, media, firstComment, "et-EE", List.of(),
                new HashMap<>());
    }

    /** A Status as the documentation's example, with this id. */
    private static String status(String id, String inReplyTo) {
        return """
                {"id": "%s", "created_at": "2019-12-05T11:34:47.196Z", "in_reply_to_id": %s, "visibility": "unlisted",
                 "language": "et", "uri": "https://mastodon.example/users/kogu/statuses/%s",
                 "url": "https://mastodon.example/@kogu/%s", "content": "<p>test content</p>",
                 "application": {"name": "Kogu", "website": null},
                 "account": {"id": "1", "username": "kogu", "acct": "kogu", "followers_count": 320}}"""
                .formatted(id, inReplyTo == null ? "null" : "\"" + inReplyTo + "\"", id, id);
    }

    private static Map<String, List<String>> form(LoggedRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] nameValue = pair.split("=", 2);
            fields.computeIfAbsent(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static List<LoggedRequest> statusRequests() {
        return mastodon.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")));
    }

    @Test
    void aStatusWithAnImageWaitsForProcessingAndCarriesAltTextVisibilityLanguageAndIdempotencyKey() throws Exception {
        mastodon.stubFor(get("/files/launch.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        mastodon.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(PROCESSING)));
        // 206 while processing (twice), then 200
        mastodon.stubFor(get("/api/v1/media/22348641").inScenario("processing").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(206)).willSetStateTo("still"));
        mastodon.stubFor(get("/api/v1/media/22348641").inScenario("processing").whenScenarioStateIs("still")
                .willReturn(aResponse().withStatus(206)).willSetStateTo("done"));
        mastodon.stubFor(get("/api/v1/media/22348641").inScenario("processing").whenScenarioStateIs("done")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(PROCESSED)));
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(status("103254962155278888", null))));
        UUID publication = UUID.randomUUID();
        PostMedia image = new PostMedia(URI.create(base() + "/files/launch.png"), "image",
                "A rocket on its launch pad", null, null);

        Published published = connector().publish(aPost(publication, "Launch day #kogu", List.of(image), null), account());

        assertThat(published.externalId()).isEqualTo("103254962155278888");
        assertThat(published.url()).isEqualTo("https://mastodon.example/@kogu/103254962155278888");
        assertThat(published.followerCount()).isEqualTo(320L);

        LoggedRequest upload = mastodon.findAll(postRequestedFor(urlEqualTo("/api/v2/media"))).get(0);
        assertThat(upload.getHeader("Authorization")).isEqualTo("Bearer token-123");
        assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        Request.Part file = upload.getPart("file");
        assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(file.getHeader("Content-Disposition").firstValue()).contains("filename=\"launch.png\"");
        assertThat(file.getBody().asBytes()).isEqualTo(PNG);
        assertThat(upload.getPart("description").getBody().asString()).isEqualTo("A rocket on its launch pad");
        mastodon.verify(3, getRequestedFor(urlEqualTo("/api/v1/media/22348641")));

        LoggedRequest create = statusRequests().get(0);
        assertThat(create.getHeader("Idempotency-Key")).isEqualTo(publication.toString());
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer token-123");
        assertThat(form(create)).containsEntry("status", List.of("Launch day #kogu"))
                .containsEntry("media_ids[]", List.of("22348641"))
                .containsEntry("visibility", List.of("unlisted"))
                .containsEntry("language", List.of("et"));
    }

    @Test
    void aRepeatAfterAnUnknownOutcomeSendsTheSameIdempotencyKeyAndTheFirstCommentHasItsOwn() throws Exception {
        // First attempt: the status request goes out and the answer never comes (a timeout): unknown.
        mastodon.stubFor(post("/api/v1/statuses").inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFixedDelay(4000).withHeader("Content-Type", "application/json")
                        .withBody(status("1001", null))).willSetStateTo("answering"));
        mastodon.stubFor(post("/api/v1/statuses").inScenario("slow").whenScenarioStateIs("answering")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("in_reply_to_id"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(status("1001", null))));
        mastodon.stubFor(post("/api/v1/statuses").inScenario("slow").whenScenarioStateIs("answering")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("in_reply_to_id=1001"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(status("1002", "1001"))));
        UUID publication = UUID.randomUUID();
        Post post = aPost(publication, "Only once", List.of(), "Details in the thread");

        try (OutboundHttp impatient = TestConnectors.outboundHttp(Duration.ofSeconds(1))) {
            MastodonConnector waitsOneSecond = new MastodonConnector(impatient, TestConnectors.mediaFetcher(impatient),
                    Duration.ofSeconds(5), Duration.ofMillis(50));
            assertThatThrownBy(() -> waitsOneSecond.publish(post, account())).isInstanceOfSatisfying(PublishFailure.class,
                    f -> assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN));
        }
        assertThat(connector().repeatIsSafe()).isTrue();
        Published published = connector().publish(post, account());

        assertThat(published.externalId()).isEqualTo("1001");
        List<LoggedRequest> requests = statusRequests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).getHeader("Idempotency-Key")).isEqualTo(publication.toString());
        assertThat(requests.get(1).getHeader("Idempotency-Key")).isEqualTo(publication.toString());
        LoggedRequest comment = requests.get(2);
        assertThat(form(comment)).containsEntry("in_reply_to_id", List.of("1001"))
                .containsEntry("status", List.of("Details in the thread"));
        assertThat(comment.getHeader("Idempotency-Key")).isEqualTo(MastodonConnector.firstCommentKey(publication))
                .isNotEqualTo(publication.toString());
    }

    @Test
    void aRefusedTokenIsUnauthorizedAndCannotBeRefreshed() throws Exception {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"The access token is invalid\"}")));

        assertThatThrownBy(() -> connector().publish(aPost(UUID.randomUUID(), "Hello", List.of(), null), account()))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
                    assertThat(f.httpStatus()).isEqualTo(401);
                    assertThat(f.reason()).contains("The access token is invalid");
                });
        assertThatThrownBy(() -> connector().refresh(account())).isInstanceOfSatisfying(PublishFailure.class,
                f -> assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED));
    }

    @Test
    void aValidationErrorIsRejectedWithMastodonsText() throws Exception {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Validation failed: Text can't be blank\"}")));

        assertThatThrownBy(() -> connector().publish(aPost(UUID.randomUUID(), "", List.of(), null), account()))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
                    assertThat(f.httpStatus()).isEqualTo(422);
                    assertThat(f.reason()).isEqualTo("Mastodon refused the post: Validation failed: Text can't be blank");
                });
    }

    @Test
    void aRateLimitIsNotPublishedAndWaitsUntilTheReset() throws Exception {
        Instant reset = Instant.now().plus(90, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.MILLIS);
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", reset.toString())
                .withBody("{\"error\": \"Too many requests\"}")));

        assertThatThrownBy(() -> connector().publish(aPost(UUID.randomUUID(), "Hello", List.of(), null), account()))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
                    assertThat(f.httpStatus()).isEqualTo(429);
                    assertThat(f.retryAfter()).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(90));
                });
    }

    @Test
    void aServerErrorIsAnUnknownOutcome() throws Exception {
        mastodon.stubFor(post("/api/v1/statuses").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"We're sorry, but something went wrong\"}")));

        assertThatThrownBy(() -> connector().publish(aPost(UUID.randomUUID(), "Hello", List.of(), null), account()))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
                    assertThat(f.httpStatus()).isEqualTo(500);
                });
    }

    @Test
    void mediaThatIsStillProcessingAfterTheBoundedWaitPostsNothing() throws Exception {
        mastodon.stubFor(get("/files/clip.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        mastodon.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(PROCESSING)));
        mastodon.stubFor(get("/api/v1/media/22348641").willReturn(aResponse().withStatus(206)));
        MastodonConnector impatient = new MastodonConnector(http, TestConnectors.mediaFetcher(http), Duration.ofMillis(300),
                Duration.ofMillis(50));
        PostMedia image = new PostMedia(URI.create(base() + "/files/clip.png"), "image", null, null, null);

        assertThatThrownBy(() -> impatient.publish(aPost(UUID.randomUUID(), "Hello", List.of(image), null), account()))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
                    assertThat(f.reason()).contains("still processing");
                });
        assertThat(statusRequests()).isEmpty();
        assertThat(mastodon.findAll(getRequestedFor(urlPathEqualTo("/api/v1/media/22348641")))).isNotEmpty();
    }

    @Test
    void aChannelWithoutAnInstanceUrlOrWithAnUnknownVisibilityIsRejectedBeforeAnyCall() throws Exception {
        assertThatThrownBy(() -> connector().publish(aPost(UUID.randomUUID(), "Hello", List.of(), null), account(Map.of())))
                .isInstanceOfSatisfying(PublishFailure.class, f -> {
                    assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
                    assertThat(f.reason()).contains("instanceUrl");
                });
        assertThatThrownBy(() -> connector().publish(aPost(UUID.randomUUID(), "Hello", List.of(), null),
                account(Map.of("instanceUrl", base(), "visibility", "everyone"))))
                .isInstanceOfSatisfying(PublishFailure.class, f -> assertThat(f.reason()).contains("visibility"));
        assertThat(mastodon.getAllServeEvents()).isEmpty();
    }
}
