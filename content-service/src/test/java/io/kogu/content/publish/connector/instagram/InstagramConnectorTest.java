package io.kogu.content.publish.connector.instagram;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.MetaContainers;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.PublishFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.aPost;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static io.kogu.content.publish.connector.ConnectorTests.failure;
import static io.kogu.content.publish.connector.ConnectorTests.image;
import static org.assertj.core.api.Assertions.assertThat;

/** Instagram's content publishing answered by WireMock as the Instagram Graph API reference documents it. */
class InstagramConnectorTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String IG_USER = "17841400008460056";
    private static final String CONTAINER = "17889455560051444";
    private static final String MEDIA = "17920238422030506";

    private final InstagramConnector connector = new InstagramConnector(HTTP, new InstagramConfig() {
        @Override
        public URI apiUrl() {
            return URI.create(graph.baseUrl());
        }

        @Override
        public String version() {
            return "v23.0";
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofMillis(20);
        }

        @Override
        public Duration maxWait() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration limitRetry() {
            return Duration.ofHours(1);
        }
    });

    private static final Account ACCOUNT = account("instagram", Map.of("igUserId", IG_USER), Map.of("accessToken", "ig-token"));

    private static void limit(int used) {
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + IG_USER + "/content_publishing_limit"))
                .withQueryParam("fields", equalTo("quota_usage,config")).withQueryParam("access_token", equalTo("ig-token"))
                .willReturn(okJson("{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":100,\"quota_duration\":86400}}]}")));
    }

    private static void containerMade() {
        graph.stubFor(post("/v23.0/" + IG_USER + "/media").willReturn(okJson("{\"id\":\"" + CONTAINER + "\"}")));
    }

    private static void containerStatus(String state, String statusCode, String nextState) {
        var stub = get(urlPathEqualTo("/v23.0/" + CONTAINER)).withQueryParam("fields", equalTo("status_code,status"))
                .inScenario("container").whenScenarioStateIs(state)
                .willReturn(okJson("{\"status_code\":\"" + statusCode + "\",\"id\":\"" + CONTAINER + "\"}"));
        graph.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }

    private static void permalink() {
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + MEDIA)).withQueryParam("fields", equalTo("permalink"))
                .willReturn(okJson("{\"permalink\":\"https://www.instagram.com/p/C4kOgZ1Lx9a/\",\"id\":\"" + MEDIA + "\"}")));
    }

    @Test
    void publishesAnImageOnceItsContainerIsFinishedWithTheFirstComment() throws Exception {
        limit(2);
        containerMade();
        containerStatus(Scenario.STARTED, "IN_PROGRESS", "finished");
        containerStatus("finished", "FINISHED", null);
        graph.stubFor(post("/v23.0/" + IG_USER + "/media_publish").willReturn(okJson("{\"id\":\"" + MEDIA + "\"}")));
        permalink();
        graph.stubFor(post("/v23.0/" + MEDIA + "/comments").willReturn(okJson("{\"id\":\"17870913679156914\"}")));
        Post post = aPost("Sunset #kogu", List.of(image("https://cdn.example/sunset.jpg", null)), "Shot on the pier");

        Published published = connector.publish(post, ACCOUNT);

        assertThat(published.externalId()).isEqualTo(MEDIA);
        assertThat(published.url()).isEqualTo("https://www.instagram.com/p/C4kOgZ1Lx9a/");
        assertThat(post.progress()).containsEntry(MetaContainers.CONTAINER_ID, CONTAINER).containsEntry(MetaContainers.MEDIA_ID, MEDIA);
        graph.verify(postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media"))
                .withRequestBody(containing("image_url=https%3A%2F%2Fcdn.example%2Fsunset.jpg"))
                .withRequestBody(containing("caption=Sunset+%23kogu"))
                .withRequestBody(containing("access_token=ig-token")));
        graph.verify(postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media_publish"))
                .withRequestBody(containing("creation_id=" + CONTAINER)));
        graph.verify(postRequestedFor(urlEqualTo("/v23.0/" + MEDIA + "/comments"))
                .withRequestBody(containing("message=Shot+on+the+pier")));
        assertThat(connector.repeatIsSafe()).isTrue();
    }

    @Test
    void aCarouselMakesOneChildPerImage() throws Exception {
        limit(0);
        graph.stubFor(post("/v23.0/" + IG_USER + "/media").withRequestBody(containing("is_carousel_item=true"))
                .withRequestBody(containing("a.jpg")).willReturn(okJson("{\"id\":\"111\"}")));
        graph.stubFor(post("/v23.0/" + IG_USER + "/media").withRequestBody(containing("is_carousel_item=true"))
                .withRequestBody(containing("b.jpg")).willReturn(okJson("{\"id\":\"222\"}")));
        graph.stubFor(post("/v23.0/" + IG_USER + "/media").withRequestBody(containing("media_type=CAROUSEL"))
                .willReturn(okJson("{\"id\":\"" + CONTAINER + "\"}")));
        containerStatus(Scenario.STARTED, "FINISHED", null);
        graph.stubFor(post("/v23.0/" + IG_USER + "/media_publish").willReturn(okJson("{\"id\":\"" + MEDIA + "\"}")));
        permalink();

        connector.publish(aPost("Two", List.of(image("https://cdn.example/a.jpg", null), image("https://cdn.example/b.jpg", null)), null),
                ACCOUNT);

        graph.verify(postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media"))
                .withRequestBody(containing("media_type=CAROUSEL")).withRequestBody(containing("children=111%2C222"))
                .withRequestBody(containing("caption=Two")));
    }

    @Test
    void aRepeatAfterAnUnknownOutcomeFindsThePublishedPostAndDoesNotPublishTwice() throws Exception {
        limit(2);
        containerMade();
        containerStatus(Scenario.STARTED, "FINISHED", null);
        // The publish call goes out and the connection drops: Instagram published, Kogu did not hear it.
        graph.stubFor(post("/v23.0/" + IG_USER + "/media_publish").inScenario("container").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("published").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        containerStatus("published", "PUBLISHED", null);
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + IG_USER + "/media")).withQueryParam("fields", equalTo("id,caption,permalink"))
                .willReturn(okJson("""
                        {"data":[{"id":"%s","caption":"Sunset","permalink":"https://www.instagram.com/p/C4kOgZ1Lx9a/"},
                                 {"id":"17000000000000001","caption":"An older post","permalink":"https://www.instagram.com/p/Old/"}]}"""
                        .formatted(MEDIA))));
        Post post = aPost("Sunset", List.of(image("https://cdn.example/sunset.jpg", null)), null);

        PublishFailure first = failure(() -> connector.publish(post, ACCOUNT));
        assertThat(first.outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
        assertThat(post.progress()).containsEntry(MetaContainers.CONTAINER_ID, CONTAINER);
        Published repeat = connector.publish(new Post(post.publicationId(), post.draftId(), 2, post.text(), post.title(), post.link(),
                post.media(), post.firstComment(), post.language(), post.tags(), post.progress()), ACCOUNT);

        assertThat(repeat.externalId()).isEqualTo(MEDIA);
        assertThat(repeat.url()).isEqualTo("https://www.instagram.com/p/C4kOgZ1Lx9a/");
        graph.verify(1, postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media")));
        graph.verify(1, postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media_publish")));
    }

    @Test
    void aRepeatWhenThePublishCallFailedPublishesTheSameContainer() throws Exception {
        limit(2);
        containerMade();
        containerStatus(Scenario.STARTED, "FINISHED", null);
        graph.stubFor(post("/v23.0/" + IG_USER + "/media_publish").inScenario("publish").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"An unexpected error has occurred. Please retry your request later.",
                         "type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"AxYz"}}""")));
        graph.stubFor(post("/v23.0/" + IG_USER + "/media_publish").inScenario("publish").whenScenarioStateIs("up")
                .willReturn(okJson("{\"id\":\"" + MEDIA + "\"}")));
        permalink();
        Post post = aPost("Sunset", List.of(image("https://cdn.example/sunset.jpg", null)), null);

        assertThat(failure(() -> connector.publish(post, ACCOUNT)).outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
        Published repeat = connector.publish(post, ACCOUNT);

        assertThat(repeat.externalId()).isEqualTo(MEDIA);
        graph.verify(1, postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media")));
        graph.verify(2, postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media_publish"))
                .withRequestBody(containing("creation_id=" + CONTAINER)));
    }

    @Test
    void atThePublishingLimitNothingIsSentAndKoguWaits() {
        limit(100);

        PublishFailure failure = failure(() -> connector.publish(aPost("Sunset",
                List.of(image("https://cdn.example/sunset.jpg", null)), null), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.errorCode()).isEqualTo("publishing_limit");
        assertThat(failure.reason()).contains("100 posts in 24 hours");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(1));
        graph.verify(0, postRequestedFor(urlEqualTo("/v23.0/" + IG_USER + "/media")));
    }

    @Test
    void aDroppedConnectionWhileReadingTheLimitPublishedNothing() {
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + IG_USER + "/content_publishing_limit"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        PublishFailure failure = failure(() -> connector.publish(aPost("Sunset",
                List.of(image("https://cdn.example/sunset.jpg", null)), null), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + IG_USER + "/content_publishing_limit")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: The session has been invalidated because the user changed their password.",
                         "type":"OAuthException","code":190,"error_subcode":460,"fbtrace_id":"AxYz"}}""")));

        PublishFailure failure = failure(() -> connector.publish(aPost("Sunset",
                List.of(image("https://cdn.example/sunset.jpg", null)), null), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        assertThat(failure.reason()).contains("the user changed their password");
    }

    @Test
    void anApplicationRateLimitIsNotPublishedForTheTimeMetaEstimates() {
        limit(2);
        graph.stubFor(post("/v23.0/" + IG_USER + "/media").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Business-Use-Case-Usage", """
                        {"%s":[{"type":"instagram","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":42}]}"""
                        .formatted(IG_USER))
                .withBody("""
                        {"error":{"message":"(#4) Application request limit reached","type":"OAuthException","is_transient":true,"code":4,"fbtrace_id":"AxYz"}}""")));

        PublishFailure failure = failure(() -> connector.publish(aPost("Sunset",
                List.of(image("https://cdn.example/sunset.jpg", null)), null), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMinutes(42));
    }

    @Test
    void aMediumInstagramCannotFetchIsRejectedWithItsMessage() {
        limit(2);
        graph.stubFor(post("/v23.0/" + IG_USER + "/media").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"The media could not be fetched from this uri: https://cdn.example/sunset.jpg",
                         "type":"OAuthException","code":9004,"error_subcode":2207052,"is_transient":false,
                         "error_user_title":"Media download has failed.","fbtrace_id":"AxYz"}}""")));

        PublishFailure failure = failure(() -> connector.publish(aPost("Sunset",
                List.of(image("https://cdn.example/sunset.jpg", null)), null), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.errorCode()).isEqualTo("9004/2207052");
        assertThat(failure.reason()).contains("The media could not be fetched from this uri");
    }

    @Test
    void aContainerInErrorIsRejectedAndForgotten() {
        limit(2);
        containerMade();
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + CONTAINER)).willReturn(okJson("""
                {"status_code":"ERROR","status":"Error: 2207026","id":"%s"}""".formatted(CONTAINER))));
        Post post = aPost("Sunset", List.of(image("https://cdn.example/sunset.jpg", null)), null);

        PublishFailure failure = failure(() -> connector.publish(post, ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.reason()).contains("2207026");
        assertThat(post.progress()).doesNotContainKey(MetaContainers.CONTAINER_ID);
    }

    @Test
    void aPostWithoutMediaIsRejectedBeforeAnyCall() {
        assertThat(failure(() -> connector.publish(aPost("Just text"), ACCOUNT)).outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
    }

    /**
     * Engagement read back (issue 12): like and comment counts of many media in one Graph call
     * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media, fields
     * {@code like_count}, {@code comments_count}); an expired token (code 190) is unauthorized.
     */
    @Test
    void countersOfManyMediaComeFromOneGraphCall() throws Exception {
        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("17895695668004550,17899305451014820"))
                .withQueryParam("fields", com.github.tomakehurst.wiremock.client.WireMock.equalTo("like_count,comments_count"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"17895695668004550":{"like_count":42,"comments_count":7,"id":"17895695668004550"},
                         "17899305451014820":{"like_count":0,"comments_count":0,"id":"17899305451014820"}}""")));

        Map<String, Map<String, Long>> counters = connector.counters(ACCOUNT, List.of("17895695668004550", "17899305451014820"));

        assertThat(counters.get("17895695668004550")).containsExactlyInAnyOrderEntriesOf(Map.of("like", 42L, "comment", 7L));
        assertThat(counters.get("17899305451014820")).containsExactlyInAnyOrderEntriesOf(Map.of("like", 0L, "comment", 0L));

        graph.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v23.0/"))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.equalTo("17000000000000001"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: Session has expired on Monday, 30-Nov-26 10:00:00 PST.","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"A1"}}""")));
        assertThat(failure(() -> connector.counters(ACCOUNT, List.of("17000000000000001"))).outcome())
                .isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
    }
}
