package io.kogu.content.publish.connector.instagram;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.ReplyPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/**
 * Replies, hiding and comments on Instagram, answered by WireMock as the Instagram Graph API documents them:
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies
 * ({@code POST /{ig-comment-id}/replies?message=}: {@code {"id"}}),
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment#updating
 * ({@code hide}: {@code {"success": true}}),
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments
 * ({@code data[]} with {@code id}, {@code text}, {@code timestamp}, {@code username}, {@code replies}).
 */
class InstagramRepliesTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

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

    private static final Account ACCOUNT = new Account(UUID.randomUUID(), "ws", "instagram", "@kogu.brand",
            Map.of("igUserId", "17841405822304914"), Map.of("accessToken", "ig-token"));

    @Test
    void aReplyIsAReplyToTheCommentAndACommentIsHidden() throws Exception {
        graph.stubFor(post("/v23.0/17873440459141021/replies").willReturn(okJson("{\"id\":\"17873440459141099\"}")));
        graph.stubFor(post("/v23.0/17873440459141021").willReturn(okJson("{\"success\":true}")));

        Published reply = connector.reply(new ReplyPost(UUID.randomUUID(), "Thank you!", "17873440459141021", null), ACCOUNT);
        boolean hidden = connector.hide(ACCOUNT, "17873440459141021", true);

        assertThat(reply.externalId()).isEqualTo("17873440459141099");
        assertThat(hidden).isTrue();
        graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/17873440459141021/replies"))
                .withRequestBody(containing("message=Thank+you%21")).withRequestBody(containing("access_token=ig-token")));
        graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/17873440459141021")).withRequestBody(containing("hide=true")));
    }

    @Test
    void commentsAndTheirRepliesAreRead() throws Exception {
        graph.stubFor(get(urlPathEqualTo("/v23.0/17895695668004550/comments")).withQueryParam("access_token", equalTo("ig-token"))
                .willReturn(okJson("""
                        {"data":[{"id":"17873440459141021","text":"Where can I buy it?","timestamp":"2026-11-30T10:00:00+0000",
                                  "username":"fan_1","replies":{"data":[
                                    {"id":"17873440459141099","text":"In our shop!","timestamp":"2026-11-30T10:02:00+0000",
                                     "username":"kogu.brand"}]}}]}""")));

        ConversationSource.Reading reading = connector.conversations(ACCOUNT, Map.of(),
                List.of(new ConversationSource.OwnPost(UUID.randomUUID().toString(), "17895695668004550")),
                Instant.parse("2026-11-29T00:00:00Z"), 500);

        assertThat(reading.items()).extracting(ConversationSource.Item::externalId, ConversationSource.Item::kind,
                        ConversationSource.Item::parentExternalId, ConversationSource.Item::authorHandle,
                        ConversationSource.Item::fromUs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("17873440459141021", "comment", "17895695668004550", "@fan_1", false),
                        org.assertj.core.groups.Tuple.tuple("17873440459141099", "reply", "17873440459141021", "@kogu.brand", true));
        assertThat(reading.cursor()).containsEntry("threadsSeenUntil", "2026-11-30T10:02:00Z");
    }
}
