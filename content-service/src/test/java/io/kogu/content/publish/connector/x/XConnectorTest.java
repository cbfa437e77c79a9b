package io.kogu.content.publish.connector.x;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.PublishFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.PNG;
import static io.kogu.content.publish.connector.ConnectorTests.aPost;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static io.kogu.content.publish.connector.ConnectorTests.failure;
import static io.kogu.content.publish.connector.ConnectorTests.fetcher;
import static io.kogu.content.publish.connector.ConnectorTests.image;
import static org.assertj.core.api.Assertions.assertThat;

/** X answered by WireMock as https://docs.x.com/x-api documents it (bodies and headers from its reference pages). */
class XConnectorTest {

    @RegisterExtension
    static WireMockExtension x = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String UNAUTHORIZED = """
            {"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""";

    private final XConnector connector = new XConnector(HTTP, fetcher(), new XConfig() {
        @Override
        public URI apiUrl() {
            return URI.create(x.baseUrl());
        }

        @Override
        public Optional<String> clientId() {
            return Optional.of("kogu-client");
        }

        @Override
        public Optional<String> clientSecret() {
            return Optional.of("kogu-secret");
        }
    });

    private Account xAccount(String accessToken) {
        return account("x", Map.of(), Map.of("accessToken", accessToken, "refreshToken", "refresh-1",
                "expiresAt", Instant.now().plusSeconds(3600).toString()));
    }

    private static void tweetAnswers(int status, String body) {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void publishesTextWithAnImageItsAltTextAndTheFirstCommentAsAReply() throws Exception {
        x.stubFor(get("/media/cat.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        x.stubFor(post("/2/media/upload").willReturn(okJson("""
                {"data":{"id":"1146654567674912769","media_key":"3_1146654567674912769","size":70,"expires_after_secs":86400}}""")));
        x.stubFor(post("/2/media/metadata").willReturn(okJson("""
                {"data":{"associated_metadata":true,"media_key":"3_1146654567674912769"}}""")));
        x.stubFor(post("/2/tweets").withRequestBody(matchingJsonPath("$.reply", absent()))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"Hello\"}}")));
        x.stubFor(post("/2/tweets").withRequestBody(matchingJsonPath("$.reply.in_reply_to_tweet_id"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"1445880548472328193\",\"text\":\"More\"}}")));
        Post post = aPost("Hello #kogu",
                List.of(image(x.baseUrl() + "/media/cat.png", "A cat on a sofa")), "More in the thread");

        Published published = connector.publish(post, xAccount("token-1"));

        assertThat(published.externalId()).isEqualTo("1445880548472328192");
        assertThat(published.url()).isEqualTo("https://x.com/i/web/status/1445880548472328192");
        x.verify(postRequestedFor(urlEqualTo("/2/media/upload"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withRequestBody(matchingJsonPath("$.media", equalTo(Base64.getEncoder().encodeToString(PNG))))
                .withRequestBody(matchingJsonPath("$.media_category", equalTo("tweet_image")))
                .withRequestBody(matchingJsonPath("$.media_type", equalTo("image/png"))));
        x.verify(postRequestedFor(urlEqualTo("/2/media/metadata")).withRequestBody(equalToJson("""
                {"id":"1146654567674912769","metadata":{"alt_text":{"text":"A cat on a sofa"}}}""")));
        x.verify(postRequestedFor(urlEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer token-1"))
                .withRequestBody(equalToJson("""
                        {"text":"Hello #kogu","media":{"media_ids":["1146654567674912769"]}}""")));
        x.verify(postRequestedFor(urlEqualTo("/2/tweets")).withRequestBody(equalToJson("""
                {"text":"More in the thread","reply":{"in_reply_to_tweet_id":"1445880548472328192"}}""")));
        assertThat(connector.repeatIsSafe()).isFalse();
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRenewedTokensAreStored() throws Exception {
        x.stubFor(post("/2/tweets").withHeader("Authorization", equalTo("Bearer old-token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json").withBody(UNAUTHORIZED)));
        x.stubFor(post("/2/tweets").withHeader("Authorization", equalTo("Bearer new-token"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"42\",\"text\":\"Hello\"}}")));
        x.stubFor(post("/2/oauth2/token").willReturn(okJson("""
                {"token_type":"bearer","expires_in":7200,"access_token":"new-token","scope":"tweet.write users.read tweet.read offline.access","refresh_token":"refresh-2"}""")));
        Account account = xAccount("old-token");

        PublishFailure first = failure(() -> connector.publish(aPost("Hello"), account));
        assertThat(first.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        connector.refresh(account);
        Published published = connector.publish(aPost("Hello"), account);

        assertThat(published.externalId()).isEqualTo("42");
        assertThat(account.credentialsReplaced()).isTrue();
        assertThat(account.credentials()).containsEntry("accessToken", "new-token").containsEntry("refreshToken", "refresh-2");
        assertThat(Instant.parse(account.credentials().get("expiresAt")))
                .isBetween(Instant.now().plusSeconds(7100), Instant.now().plusSeconds(7201));
        x.verify(postRequestedFor(urlEqualTo("/2/oauth2/token"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString("kogu-client:kogu-secret".getBytes())))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=refresh-1")));
    }

    @Test
    void aTokenPastItsExpiryIsRefreshedBeforePosting() throws Exception {
        x.stubFor(post("/2/oauth2/token").willReturn(okJson("""
                {"token_type":"bearer","expires_in":7200,"access_token":"new-token","refresh_token":"refresh-2"}""")));
        tweetAnswers(201, "{\"data\":{\"id\":\"43\",\"text\":\"Hello\"}}");
        Account account = account("x", Map.of(), Map.of("accessToken", "old-token", "refreshToken", "refresh-1",
                "expiresAt", Instant.now().minusSeconds(5).toString()));

        connector.publish(aPost("Hello"), account);

        x.verify(1, postRequestedFor(urlEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer new-token")));
    }

    @Test
    void aRefusedRefreshIsUnauthorizedWithXsReason() {
        x.stubFor(post("/2/oauth2/token").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the token was invalid.\"}")));

        PublishFailure failure = failure(() -> connector.refresh(xAccount("old-token")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        assertThat(failure.reason()).contains("Value passed for the token was invalid.").contains("reconnect");
    }

    @Test
    void aRateLimitIsNotPublishedUntilXsResetTime() {
        long reset = Instant.now().plusSeconds(900).getEpochSecond();
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
                .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", String.valueOf(reset))
                .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")));

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), xAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.retryAfter()).isBetween(Duration.ofSeconds(880), Duration.ofSeconds(900));
    }

    @Test
    void aDuplicateIsRejectedWithXsMessage() {
        tweetAnswers(403, """
                {"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}""");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), xAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.REJECTED);
        assertThat(failure.httpStatus()).isEqualTo(403);
        assertThat(failure.reason()).contains("You are not allowed to create a Tweet with duplicate content.");
    }

    @Test
    void aServerErrorOnThePostIsUnknown() {
        tweetAnswers(503, "{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503}");

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello"), xAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN);
    }

    @Test
    void aDroppedConnectionDuringTheMediaUploadPublishedNothing() {
        x.stubFor(get("/media/cat.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        x.stubFor(post("/2/media/upload").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello",
                List.of(image(x.baseUrl() + "/media/cat.png", null)), null), xAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        x.verify(0, postRequestedFor(urlEqualTo("/2/tweets")));
    }

    @Test
    void aDroppedConnectionDuringATokenRefreshPublishedNothing() {
        x.stubFor(post("/2/oauth2/token").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        PublishFailure failure = failure(() -> connector.refresh(xAccount("old-token")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
    }

    @Test
    void aServerErrorOnTheMediaUploadPublishedNothing() {
        x.stubFor(get("/media/cat.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        x.stubFor(post("/2/media/upload").willReturn(aResponse().withStatus(500)));

        PublishFailure failure = failure(() -> connector.publish(aPost("Hello",
                List.of(image(x.baseUrl() + "/media/cat.png", null)), null), xAccount("t")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        x.verify(0, postRequestedFor(urlEqualTo("/2/tweets")));
    }
}
