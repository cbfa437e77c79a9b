package io.kogu.content.publish.connector.x;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.PublishFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static io.kogu.content.publish.connector.ConnectorTests.failure;
import static io.kogu.content.publish.connector.ConnectorTests.fetcher;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * X's counters read back (issue 12) from WireMock answering as X documents {@code GET /2/tweets}
 * (https://docs.x.com/x-api/posts/get-posts-by-ids, its example with {@code tweet.fields=public_metrics} from
 * https://docs.x.com/x-api/fundamentals/data-dictionary), its partial errors for posts that are gone, its 401 and
 * its 429 with {@code x-rate-limit-reset} (https://docs.x.com/x-api/fundamentals/rate-limits).
 */
class XEngagementTest {

    @RegisterExtension
    static WireMockExtension x = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

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
            return Optional.empty();
        }
    });

    private static Account xAccount(String token) {
        return account("x", Map.of(), Map.of("accessToken", token, "refreshToken", "refresh-1",
                "expiresAt", Instant.now().plusSeconds(3600).toString()));
    }

    @Test
    void countersOfManyPostsComeFromOneCallMappedToKoguTypes() throws Exception {
        x.stubFor(get(urlPathEqualTo("/2/tweets")).withQueryParam("ids", equalTo("1260294888811347969,1293593516040269825"))
                .withQueryParam("tweet.fields", equalTo("public_metrics"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":[{"id":"1260294888811347969","text":"Hello","edit_history_tweet_ids":["1260294888811347969"],
                                  "public_metrics":{"retweet_count":10,"reply_count":5,"like_count":100,"quote_count":2,
                                                    "bookmark_count":3,"impression_count":1500}}],
                         "errors":[{"value":"1293593516040269825","detail":"Could not find tweet with ids: [1293593516040269825].",
                                    "title":"Not Found Error","resource_type":"tweet","parameter":"ids",
                                    "resource_id":"1293593516040269825","type":"https://api.twitter.com/2/problems/resource-not-found"}]}""")));

        Map<String, Map<String, Long>> counters = connector.counters(xAccount("token-1"),
                List.of("1260294888811347969", "1293593516040269825"));

        assertThat(counters).containsOnlyKeys("1260294888811347969");
        assertThat(counters.get("1260294888811347969")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "like", 100L, "repost", 10L, "comment", 5L, "quote", 2L, "impression", 1500L));
        x.verify(getRequestedFor(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer token-1")));
        assertThat(connector.countersBatch()).isEqualTo(100);
    }

    @Test
    void aRateLimitSaysHowLongToWait() {
        long reset = Instant.now().plusSeconds(900).getEpochSecond();
        x.stubFor(get(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-rate-limit-limit", "900").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))
                .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")));

        PublishFailure failure = failure(() -> connector.counters(xAccount("token-1"), List.of("1")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.NOT_PUBLISHED);
        assertThat(failure.retryAfter()).isBetween(Duration.ofSeconds(880), Duration.ofSeconds(901));
    }

    @Test
    void aRevokedTokenIsUnauthorized() {
        x.stubFor(get(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));

        PublishFailure failure = failure(() -> connector.counters(xAccount("revoked"), List.of("1")));

        assertThat(failure.outcome()).isEqualTo(PublishFailure.Outcome.UNAUTHORIZED);
        assertThat(failure.httpStatus()).isEqualTo(401);
    }
}
