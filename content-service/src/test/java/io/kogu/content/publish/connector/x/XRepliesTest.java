package io.kogu.content.publish.connector.x;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.ReplyPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static io.kogu.content.publish.connector.ConnectorTests.fetcher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replies, hiding and conversations on X, answered by WireMock as the X API v2 reference documents them:
 * https://docs.x.com/x-api/posts/creation-of-a-post ({@code reply.in_reply_to_tweet_id}; 201 {@code {"data":{"id","text"}}}),
 * https://docs.x.com/x-api/posts/hide-replies ({@code PUT /2/tweets/:id/hidden}; {@code {"data":{"hidden":true}}}),
 * https://docs.x.com/x-api/users/user-lookup-me and https://docs.x.com/x-api/posts/user-mention-timeline-by-user-id
 * ({@code data}, {@code includes.users}, {@code meta.newest_id}).
 */
class XRepliesTest {

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
            return Optional.of("kogu-secret");
        }
    });

    private static Account xAccount() {
        return account("x", Map.of(), Map.of("accessToken", "token-1", "refreshToken", "refresh-1",
                "expiresAt", Instant.now().plusSeconds(3600).toString()));
    }

    @Test
    void aReplyIsAPostInReplyToTheTweet() throws Exception {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"Thanks!\"}}")));

        Published reply = connector.reply(new ReplyPost(UUID.randomUUID(), "Thanks!", "1445880548472328100", null), xAccount());

        assertThat(reply.externalId()).isEqualTo("1445880548472328192");
        assertThat(reply.url()).isEqualTo("https://x.com/i/web/status/1445880548472328192");
        x.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer token-1"))
                .withRequestBody(equalToJson("{\"text\":\"Thanks!\",\"reply\":{\"in_reply_to_tweet_id\":\"1445880548472328100\"}}")));
        assertThat(connector.repeatIsSafe()).as("no idempotency key: an unknown outcome ends unconfirmed").isFalse();
    }

    @Test
    void aServerErrorOnTheReplyIsAnUnknownOutcome() {
        x.stubFor(post("/2/tweets").willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"Service Unavailable\",\"detail\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503}")));
        assertThatThrownBy(() -> connector.reply(new ReplyPost(UUID.randomUUID(), "Hi", "1", null), xAccount()))
                .isInstanceOfSatisfying(PublishFailure.class, f -> assertThat(f.outcome()).isEqualTo(PublishFailure.Outcome.UNKNOWN));
    }

    @Test
    void aReplyIsHiddenAndShownAgain() throws Exception {
        x.stubFor(put("/2/tweets/1232720193182412800/hidden").withRequestBody(equalToJson("{\"hidden\":true}"))
                .willReturn(okJson("{\"data\":{\"hidden\":true}}")));
        x.stubFor(put("/2/tweets/1232720193182412800/hidden").withRequestBody(equalToJson("{\"hidden\":false}"))
                .willReturn(okJson("{\"data\":{\"hidden\":false}}")));

        assertThat(connector.hide(xAccount(), "1232720193182412800", true)).isTrue();
        assertThat(connector.hide(xAccount(), "1232720193182412800", false)).isFalse();
        x.verify(2, putRequestedFor(urlPathEqualTo("/2/tweets/1232720193182412800/hidden"))
                .withHeader("Authorization", equalTo("Bearer token-1")));
    }

    @Test
    void mentionsAreCommentsRepliesAndMentionsWithTheirConversationAsRoot() throws Exception {
        x.stubFor(get("/2/users/me").willReturn(okJson("{\"data\":{\"id\":\"2244994945\",\"name\":\"Kogu\",\"username\":\"kogu\"}}")));
        x.stubFor(get(urlPathEqualTo("/2/users/2244994945/mentions")).willReturn(okJson("""
                {"data":[
                  {"id":"300","text":"@kogu and you?","author_id":"2244994945","conversation_id":"100",
                   "created_at":"2026-11-30T10:03:00.000Z","referenced_tweets":[{"type":"replied_to","id":"200"}]},
                  {"id":"200","text":"@kogu when?","author_id":"783214","conversation_id":"100",
                   "created_at":"2026-11-30T10:02:00.000Z","referenced_tweets":[{"type":"replied_to","id":"100"}]},
                  {"id":"150","text":"I like @kogu","author_id":"783215","conversation_id":"150",
                   "created_at":"2026-11-30T10:01:00.000Z"}],
                 "includes":{"users":[{"id":"783214","name":"Fan","username":"fan"},
                                      {"id":"783215","name":"Other","username":"other"},
                                      {"id":"2244994945","name":"Kogu","username":"kogu"}]},
                 "meta":{"newest_id":"300","oldest_id":"150","result_count":3}}""")));

        ConversationSource.Reading reading = connector.conversations(xAccount(), Map.of(),
                List.of(new ConversationSource.OwnPost(UUID.randomUUID().toString(), "100")),
                Instant.parse("2026-11-29T10:00:00Z"), 500);

        assertThat(reading.items()).extracting(ConversationSource.Item::externalId, ConversationSource.Item::kind,
                        ConversationSource.Item::rootExternalId, ConversationSource.Item::authorHandle,
                        ConversationSource.Item::fromUs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("300", "reply", "100", "@kogu", true),
                        org.assertj.core.groups.Tuple.tuple("200", "comment", "100", "@fan", false),
                        org.assertj.core.groups.Tuple.tuple("150", "mention", "150", "@other", false));
        assertThat(reading.cursor()).containsEntry("sinceId", "300").containsEntry("userId", "2244994945");
        x.verify(getRequestedFor(urlPathEqualTo("/2/users/2244994945/mentions"))
                .withQueryParam("start_time", equalTo("2026-11-29T10:00:00Z")));

        connector.conversations(xAccount(), reading.cursor(), List.of(), Instant.parse("2026-11-29T10:00:00Z"), 500);
        x.verify(getRequestedFor(urlPathEqualTo("/2/users/2244994945/mentions")).withQueryParam("since_id", equalTo("300")));
        x.verify(1, getRequestedFor(urlPathEqualTo("/2/users/me")));
    }
}
