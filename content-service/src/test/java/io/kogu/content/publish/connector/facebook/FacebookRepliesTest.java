package io.kogu.content.publish.connector.facebook;

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
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kogu.content.publish.connector.ConnectorTests.HTTP;
import static io.kogu.content.publish.connector.ConnectorTests.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replies, hiding and comments on a Facebook Page, answered by WireMock as the Graph API documents them:
 * https://developers.facebook.com/docs/graph-api/reference/object/comments/ (publishing {@code message}: {@code {"id"}};
 * reading with {@code filter=stream}, {@code order}, {@code fields}), https://developers.facebook.com/docs/graph-api/reference/comment/#updating
 * ({@code is_hidden}: {@code {"success": true}}), errors {@code {"error":{"message","type","code"}}}.
 */
class FacebookRepliesTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final FacebookConnector connector = new FacebookConnector(HTTP, new FacebookConfig() {
        @Override
        public Optional<String> clientId() {
            return Optional.empty();
        }

        @Override
        public Optional<String> clientSecret() {
            return Optional.empty();
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

    @Test
    void aReplyIsACommentOnTheComment() throws Exception {
        graph.stubFor(post("/v23.0/1029384756_55_777/comments").willReturn(okJson("{\"id\":\"1029384756_55_901\"}")));

        Published reply = connector.reply(new ReplyPost(UUID.randomUUID(), "Aitäh!", "1029384756_55_777", null), PAGE);

        assertThat(reply.externalId()).isEqualTo("1029384756_55_901");
        graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/1029384756_55_777/comments"))
                .withRequestBody(containing("message=Ait%C3%A4h%21")).withRequestBody(containing("access_token=page-token")));
    }

    @Test
    void aCommentIsHiddenAndARefusalIsAFailureForGood() throws Exception {
        graph.stubFor(post("/v23.0/1029384756_55_777").willReturn(okJson("{\"success\":true}")));
        assertThat(connector.hide(PAGE, "1029384756_55_777", true)).isTrue();
        graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/1029384756_55_777")).withRequestBody(containing("is_hidden=true")));

        graph.stubFor(post("/v23.0/1029384756_55_778").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"message":"(#10) Permission denied","type":"OAuthException","code":10,"fbtrace_id":"A1"}}""")));
        assertThatThrownBy(() -> connector.hide(PAGE, "1029384756_55_778", true)).isInstanceOfSatisfying(PublishFailure.class,
                f -> assertThat(f.outcome()).isIn(PublishFailure.Outcome.REJECTED, PublishFailure.Outcome.UNAUTHORIZED));
    }

    @Test
    void commentsAndRepliesSinceThePreviousReadingAreRead() throws Exception {
        graph.stubFor(get(urlPathEqualTo("/v23.0/1029384756_55/comments")).withQueryParam("filter", equalTo("stream"))
                .withQueryParam("order", equalTo("reverse_chronological")).willReturn(okJson("""
                        {"data":[
                          {"id":"1029384756_55_903","message":"Järgmisel nädalal!","created_time":"2026-11-30T10:05:00+0000",
                           "from":{"id":"1029384756","name":"Kogu"},"parent":{"id":"1029384756_55_901"}},
                          {"id":"1029384756_55_901","message":"Millal?","created_time":"2026-11-30T10:00:00+0000",
                           "from":{"id":"4455","name":"Fan"},"permalink_url":"https://www.facebook.com/55/posts/901"},
                          {"id":"1029384756_55_800","message":"old","created_time":"2026-11-20T10:00:00+0000",
                           "from":{"id":"4456","name":"Old"}}],
                         "paging":{"cursors":{"before":"a","after":"b"}}}""")));

        ConversationSource.Reading reading = connector.conversations(PAGE, Map.of(),
                List.of(new ConversationSource.OwnPost(UUID.randomUUID().toString(), "1029384756_55")),
                Instant.parse("2026-11-29T00:00:00Z"), 500);

        assertThat(reading.items()).extracting(ConversationSource.Item::externalId, ConversationSource.Item::kind,
                        ConversationSource.Item::parentExternalId, ConversationSource.Item::fromUs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1029384756_55_903", "reply", "1029384756_55_901", true),
                        org.assertj.core.groups.Tuple.tuple("1029384756_55_901", "comment", "1029384756_55", false));
        assertThat(reading.items().get(1).authorName()).isEqualTo("Fan");
        assertThat(reading.cursor()).containsEntry("threadsSeenUntil", "2026-11-30T10:05:00Z");
    }
}
