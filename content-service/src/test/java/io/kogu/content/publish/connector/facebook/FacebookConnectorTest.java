package io.kogu.content.publish.connector.facebook;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.PublishFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.aPost;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static io.kogu.content.publish.connector.ConnectorTests.failure;
import static io.kogu.content.publish.connector.ConnectorTests.image;
import static org.assertj.core.api.Assertions.assertThat;

/** A Facebook Page answered by WireMock as the Graph API documents it, its error bodies included. */
class FacebookConnectorTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final FacebookConnector connector = new FacebookConnector(HTTP, new FacebookConfig() {
        @Override
        public java.util.Optional<String> clientId() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> clientSecret() {
            return java.util.Optional.empty();
        }

        @Override
        public URI apiUrl() {
            return URI.create(graph.baseUrl());
        }

        @Override
        public String version() {
            return "v23.0";
        }
    });

    private static final Account PAGE = account("facebook", Map.of("pageId", "1029384756"),
            Map.of("pageAccessToken", "page-token"));

    private static String form(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void feedAnswers(int status, String body, String... headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        graph.stubFor(post("/v23.0/1029384756/feed").willReturn(response));
    }

    @Test
    void publishesTwoPhotosAsOnePostWithTheFirstComment() throws Exception {
        graph.stubFor(post("/v23.0/1029384756/photos").withRequestBody(containing(form("url", "https://cdn.example/a.png")))
                .willReturn(okJson("{\"id\":\"5550001\"}")));
        graph.stubFor(post("/v23.0/1029384756/photos").withRequestBody(containing(form("url", "https://cdn.example/b.png")))
                .willReturn(okJson("{\"id\":\"5550002\"}")));
        feedAnswers(200, "{\"id\":\"1029384756_8887776\"}");
        graph.stubFor(post("/v23.0/1029384756_8887776/comments").willReturn(okJson("{\"id\":\"8887776_1112223\"}")));
        Post post = aPost("Two pictures", List.of(image("https://cdn.example/a.png", "First"),
                image("https://cdn.example/b.png", null)), "Tickets at kogu.example");

        Published published = connector.publish(post, PAGE);

        assertThat(published.externalId()).isEqualTo("1029384756_8887776");
        assertThat(published.url()).isEqualTo("https://www.facebook.com/1029384756_8887776");
        graph.verify(postRequestedFor(urlEqualTo("/v23.0/1029384756/photos"))
                .withRequestBody(containing(form("url", "https://cdn.example/a.png")))
                .withRequestBody(containing("published=false"))
                .withRequestBody(containing(form("alt_text_custom", "First")))
                .withRequestBody(containing("access_token=page-token")));
        graph.verify(postRequestedFor(urlEqualTo("/v23.0/1029384756/feed"))
                .withRequestBody(containing(form("message", "Two pictures")))
                .withRequestBody(containing(form("attached_media[0]", "{\"media_fbid\":\"5550001\"}")))
                .withRequestBody(containing(form("attached_media[1]", "{\"media_fbid\":\"5550002\"}")))
                .withRequestBody(containing("access_token=page-token")));
        graph.verify(postRequestedFor(urlEqualTo("/v23.0/1029384756_8887776/comments"))
                .withRequestBody(containing(form("message", "Tickets at kogu.example"))));
        assertThat(connector.repeatIsSafe()).isFalse();
    }

    @Test
    void aLinkPostCarriesTheLink() throws Exception {
        feedAnswers(200, "{\"id\":\"1029384756_1\"}");
        Post post = new Post(UUID.randomUUID(), UUID.randomUUID(), 1, "Read this", null, "https://kogu.example/blog",
                List.of(), null, null, List.of(), new java.util.HashMap<>());

        connector.publish(post, PAGE);

        graph.verify(postRequestedFor(urlEqualTo("/v23.0/1029384756/feed"))
                .withRequestBody(containing(form("link", "https://kogu.example/blog"))));
    }

    @Test
    void anExpiredPageTokenIsUnauthorizedAndCannotBeRenewed() {
        feedAnswers(400, """
                {"error":{"message":"Error validating access token: Session has expired on Tuesday, 10-Mar-26 14:00:00 PDT.",
                 "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"A1b2C3d4E5f"}}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), PAGE));
        PublishFailure refresh = failure(() -> connector.refresh(PAGE));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        assertThat(failure.errorCode()).isEqualTo("190/463");
        assertThat(failure.reason()).contains("Session has expired");
        assertThat(refresh.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
    }

    @Test
    void aPageRateLimitIsNotPublishedForTheTimeMetaEstimates() {
        feedAnswers(400, """
                {"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"A1b2C3d4E5f"}}""",
                "X-Business-Use-Case-Usage", """
                {"1029384756":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":14,"estimated_time_to_regain_access":17}]}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), PAGE));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.errorCode()).isEqualTo("32");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(17));
    }

    @Test
    void aPolicyBlockIsRejectedWithMetasMessage() {
        feedAnswers(400, """
                {"error":{"message":"(#368) The action attempted has been deemed abusive or is otherwise disallowed",
                 "type":"OAuthException","code":368,"error_subcode":1390008,"fbtrace_id":"A1b2C3d4E5f"}}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), PAGE));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.reason()).contains("(#368) The action attempted has been deemed abusive");
    }

    @Test
    void aServerErrorIsUnknown() {
        feedAnswers(500, """
                {"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException",
                 "is_transient":true,"code":2,"fbtrace_id":"A1b2C3d4E5f"}}""");

        assertThat(failure(() -> connector.publish(aPost("Hello"), PAGE)).outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
    }

    @Test
    void aRefusedPhotoPublishesNothing() {
        graph.stubFor(post("/v23.0/1029384756/photos").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#324) Requires upload file","type":"OAuthException","code":324,"fbtrace_id":"x"}}""")));

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello",
                List.of(image("https://cdn.example/a.png", null)), null), PAGE));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        graph.verify(0, postRequestedFor(urlEqualTo("/v23.0/1029384756/feed")));
    }

    // --- Engagement read back (issue 12): Graph's multiple-ids read,
    // https://developers.facebook.com/docs/graph-api/batch-requests/#multiple-ids, with the summaries of
    // https://developers.facebook.com/docs/graph-api/reference/object/reactions and …/object/comments.

    private static final String FIELDS = "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares";

    @Test
    void countersOfManyPostsComeFromOneGraphCall() throws Exception {
        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1029384756_111,1029384756_222"))
                .withQueryParam("fields", com.github.tomakehurst.wiremock.client.WireMock.equalTo(FIELDS))
                .withQueryParam("access_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo("page-token"))
                .willReturn(okJson("""
                        {"1029384756_111":{"reactions":{"data":[],"summary":{"total_count":12,"viewer_reaction":"NONE"}},
                                           "comments":{"data":[],"summary":{"order":"ranked","total_count":3,"can_comment":true}},
                                           "shares":{"count":2},"id":"1029384756_111"},
                         "1029384756_222":{"reactions":{"data":[],"summary":{"total_count":0,"viewer_reaction":"NONE"}},
                                           "comments":{"data":[],"summary":{"order":"ranked","total_count":0,"can_comment":true}},
                                           "id":"1029384756_222"}}""")));

        Map<String, Map<String, Long>> counters = connector.counters(PAGE, List.of("1029384756_111", "1029384756_222"));

        assertThat(counters.get("1029384756_111")).containsExactlyInAnyOrderEntriesOf(
                Map.of("reaction", 12L, "comment", 3L, "share", 2L));
        assertThat(counters.get("1029384756_222")).containsExactlyInAnyOrderEntriesOf(
                Map.of("reaction", 0L, "comment", 0L, "share", 0L));
    }

    @Test
    void aDeletedPostDoesNotHideTheOthersAndAThrottledPageWaits() throws Exception {
        String gone = """
                {"error":{"message":"Unsupported get request. Object with ID '1029384756_333' does not exist, cannot be loaded due to missing permissions, or does not support this operation.","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbCdEf"}}""";
        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1029384756_111,1029384756_333"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(gone)));
        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1029384756_333"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(gone)));
        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1029384756_111"))
                .willReturn(okJson("""
                        {"1029384756_111":{"reactions":{"data":[],"summary":{"total_count":5}},
                                           "comments":{"data":[],"summary":{"total_count":1}},"id":"1029384756_111"}}""")));

        assertThat(connector.counters(PAGE, List.of("1029384756_111", "1029384756_333")))
                .containsOnlyKeys("1029384756_111");

        // Page-level throttling (code 32) with the wait in X-Page-Usage (https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1029384756_444"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withHeader("X-Page-Usage", "{\"call_count\":100,\"total_cputime\":10,\"total_time\":12,\"estimated_time_to_regain_access\":7}")
                        .withBody("""
                                {"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"Fz"}}""")));
        PublishFailure throttled = failure(() -> connector.counters(PAGE, List.of("1029384756_444")));
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofMinutes(7));
    }
}
