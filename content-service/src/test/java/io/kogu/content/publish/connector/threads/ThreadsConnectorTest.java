package io.kogu.content.publish.connector.threads;

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

/** The Threads API answered by WireMock as https://developers.facebook.com/docs/threads documents it. */
class ThreadsConnectorTest {

    @RegisterExtension
    static WireMockExtension threads = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String USER = "8901234567";
    private static final String CONTAINER = "1234567890123456";
    private static final String MEDIA = "9876543210987654";

    private final ThreadsConnector connector = new ThreadsConnector(HTTP, new ThreadsConfig() {
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
            return URI.create(threads.baseUrl());
        }

        @Override
        public String version() {
            return "v1.0";
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

    private static final Account ACCOUNT = account("threads", Map.of("threadsUserId", USER), Map.of("accessToken", "th-token"));

    private static void limit(int used) {
        threads.stubFor(get(urlPathEqualTo("/v1.0/" + USER + "/threads_publishing_limit"))
                .withQueryParam("fields", equalTo("quota_usage,config")).withQueryParam("access_token", equalTo("th-token"))
                .willReturn(okJson("{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":250,\"quota_duration\":86400}}]}")));
    }

    private static void containerMade() {
        threads.stubFor(post("/v1.0/" + USER + "/threads").willReturn(okJson("{\"id\":\"" + CONTAINER + "\"}")));
    }

    private static void containerStatus(String state, String status, String nextState) {
        var stub = get(urlPathEqualTo("/v1.0/" + CONTAINER)).withQueryParam("fields", equalTo("status,error_message"))
                .inScenario("container").whenScenarioStateIs(state)
                .willReturn(okJson("{\"status\":\"" + status + "\",\"id\":\"" + CONTAINER + "\"}"));
        threads.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }

    private static void published() {
        threads.stubFor(post("/v1.0/" + USER + "/threads_publish").willReturn(okJson("{\"id\":\"" + MEDIA + "\"}")));
        threads.stubFor(get(urlPathEqualTo("/v1.0/" + MEDIA)).withQueryParam("fields", equalTo("permalink"))
                .willReturn(okJson("{\"permalink\":\"https://www.threads.net/@kogu/post/DAbCdEf\",\"id\":\"" + MEDIA + "\"}")));
    }

    @Test
    void publishesATextPostThroughAContainer() throws Exception {
        limit(3);
        containerMade();
        containerStatus(Scenario.STARTED, "IN_PROGRESS", "finished");
        containerStatus("finished", "FINISHED", null);
        published();
        Post post = aPost("Hello Threads");

        Published result = connector.publish(post, ACCOUNT);

        assertThat(result.externalId()).isEqualTo(MEDIA);
        assertThat(result.url()).isEqualTo("https://www.threads.net/@kogu/post/DAbCdEf");
        threads.verify(postRequestedFor(urlEqualTo("/v1.0/" + USER + "/threads"))
                .withRequestBody(containing("media_type=TEXT")).withRequestBody(containing("text=Hello+Threads"))
                .withRequestBody(containing("access_token=th-token")));
        threads.verify(postRequestedFor(urlEqualTo("/v1.0/" + USER + "/threads_publish"))
                .withRequestBody(containing("creation_id=" + CONTAINER)));
        assertThat(post.progress()).containsEntry(MetaContainers.MEDIA_ID, MEDIA);
        assertThat(connector.repeatIsSafe()).isTrue();
    }

    @Test
    void anImagePostPassesTheImageUrlAndAltText() throws Exception {
        limit(0);
        containerMade();
        containerStatus(Scenario.STARTED, "FINISHED", null);
        published();

        connector.publish(aPost("Look", List.of(image("https://cdn.example/a.jpg", "A harbour at dawn")), null), ACCOUNT);

        threads.verify(postRequestedFor(urlEqualTo("/v1.0/" + USER + "/threads"))
                .withRequestBody(containing("media_type=IMAGE"))
                .withRequestBody(containing("image_url=https%3A%2F%2Fcdn.example%2Fa.jpg"))
                .withRequestBody(containing("alt_text=A+harbour+at+dawn")).withRequestBody(containing("text=Look")));
    }

    @Test
    void aRepeatAfterAnUnknownOutcomeDoesNotPublishTwice() throws Exception {
        limit(3);
        containerMade();
        containerStatus(Scenario.STARTED, "FINISHED", null);
        threads.stubFor(post("/v1.0/" + USER + "/threads_publish").inScenario("container").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("published").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        containerStatus("published", "PUBLISHED", null);
        threads.stubFor(get(urlPathEqualTo("/v1.0/" + USER + "/threads")).withQueryParam("fields", equalTo("id,text,permalink"))
                .willReturn(okJson("""
                        {"data":[{"id":"%s","text":"Hello Threads","permalink":"https://www.threads.net/@kogu/post/DAbCdEf"}]}"""
                        .formatted(MEDIA))));
        Post post = aPost("Hello Threads");

        assertThat(failure(() -> connector.publish(post, ACCOUNT)).outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
        Published repeat = connector.publish(post, ACCOUNT);

        assertThat(repeat.externalId()).isEqualTo(MEDIA);
        threads.verify(1, postRequestedFor(urlEqualTo("/v1.0/" + USER + "/threads")));
        threads.verify(1, postRequestedFor(urlEqualTo("/v1.0/" + USER + "/threads_publish")));
    }

    @Test
    void atThePublishingLimitNothingIsSent() {
        limit(250);

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(1));
        threads.verify(0, postRequestedFor(urlEqualTo("/v1.0/" + USER + "/threads")));
    }

    @Test
    void anInvalidTokenIsUnauthorized() {
        threads.stubFor(get(urlPathEqualTo("/v1.0/" + USER + "/threads_publishing_limit")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Error validating access token: Session has expired.","type":"OAuthException","code":190,"fbtrace_id":"Axy"}}""")));

        assertThat(failure(() -> connector.publish(aPost("Hello"), ACCOUNT)).outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
    }

    @Test
    void aRateLimitIsNotPublishedForItsRetryAfter() {
        limit(3);
        threads.stubFor(post("/v1.0/" + USER + "/threads").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4,"fbtrace_id":"Axy"}}""")));

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void aTextOverTheLimitIsRejectedWithThreadsMessage() {
        limit(3);
        threads.stubFor(post("/v1.0/" + USER + "/threads").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"Param text must be at most 500 characters long.","type":"THApiException","code":100,"fbtrace_id":"Axy"}}""")));

        PublishFailure failure = failure(() -> connector.publish(aPost("x".repeat(501)), ACCOUNT));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.reason()).contains("Param text must be at most 500 characters long.");
    }

    @Test
    void aServerErrorWhilePublishingIsUnknown() {
        limit(3);
        containerMade();
        containerStatus(Scenario.STARTED, "FINISHED", null);
        threads.stubFor(post("/v1.0/" + USER + "/threads_publish").willReturn(aResponse().withStatus(502)));

        assertThat(failure(() -> connector.publish(aPost("Hello"), ACCOUNT)).outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
    }

    /**
     * Engagement read back (issue 12): a post's lifetime insights as the Threads Insights API answers them
     * (https://developers.facebook.com/docs/threads/insights), a post that is gone (Graph error 100) left out.
     */
    @Test
    void countersComeFromEachPostsInsights() throws Exception {
        threads.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1.0/18031556456073125/insights"))
                .withQueryParam("metric", com.github.tomakehurst.wiremock.client.WireMock.equalTo("views,likes,replies,reposts,quotes"))
                .withQueryParam("access_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo("th-token"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"data":[
                          {"name":"views","period":"lifetime","values":[{"value":1500}],"title":"views","description":"Number of times the media object was viewed.","id":"18031556456073125/insights/views/lifetime"},
                          {"name":"likes","period":"lifetime","values":[{"value":42}],"title":"likes","description":"Number of likes on the media object.","id":"18031556456073125/insights/likes/lifetime"},
                          {"name":"replies","period":"lifetime","values":[{"value":5}],"title":"replies","description":"Number of replies on the media object.","id":"18031556456073125/insights/replies/lifetime"},
                          {"name":"reposts","period":"lifetime","values":[{"value":3}],"title":"reposts","description":"Number of reposts of the media object.","id":"18031556456073125/insights/reposts/lifetime"},
                          {"name":"quotes","period":"lifetime","values":[{"value":1}],"title":"quotes","description":"Number of quotes of the media object.","id":"18031556456073125/insights/quotes/lifetime"}]}""")));
        threads.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1.0/18000000000000000/insights"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"error":{"message":"Unsupported get request. Object with ID '18000000000000000' does not exist","type":"THApiException","code":100,"error_subcode":33,"fbtrace_id":"A"}}""")));

        Map<String, Map<String, Long>> counters = connector.counters(ACCOUNT, List.of("18031556456073125", "18000000000000000"));

        assertThat(counters).containsOnlyKeys("18031556456073125");
        assertThat(counters.get("18031556456073125")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "impression", 1500L, "like", 42L, "comment", 5L, "repost", 3L, "quote", 1L));
    }
}
