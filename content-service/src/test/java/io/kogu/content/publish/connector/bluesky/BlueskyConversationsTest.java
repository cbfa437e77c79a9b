package io.kogu.content.publish.connector.bluesky;

import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.ReplyPost;
import io.kogu.content.publish.connector.TestConnectors;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.testsupport.BlueskyTestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversation collection against the reference Bluesky network with its AppView
 * ({@link BlueskyTestNetwork#withAppView}: the PDS proxies {@code app.bsky.notification.listNotifications} and
 * {@code app.bsky.feed.getPostThread} to it): a fan's reply to a published post, another account's mention, and the
 * channel's own answer, read back as the items audience-service receives.
 */
class BlueskyConversationsTest {

    private static BlueskyTestNetwork network;
    private static OutboundHttp http;

    @BeforeEach
    void network() {
        network = BlueskyTestNetwork.withAppView(Path.of("src/test/atproto"));
    }

    @BeforeAll
    static void start() {
        http = TestConnectors.outboundHttp(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        if (http != null) {
            http.close();
        }
    }

    private static BlueskyConnector connector() {
        return new BlueskyConnector(http, TestConnectors.mediaFetcher(http), URI.create("https://bsky.invalid"),
                java.time.Clock.systemUTC());
    }

    private static Account account(String name) {
        return new Account(UUID.randomUUID(), "ws-" + UUID.randomUUID(), "bluesky", "@" + name + ".test",
                Map.of("serviceUrl", network.pdsUrl().toString()), Map.of("appPassword", network.account(name).appPassword()));
    }

    @Test
    void aFansReplyAMentionAndOurOwnAnswerAreCollected() throws Exception {
        Instant start = Instant.now().minusSeconds(5);
        Published post = connector().publish(new Post(UUID.randomUUID(), UUID.randomUUID(), 1, "Launch day " + UUID.randomUUID(),
                null, null, List.of(), null, "en", List.of(), new HashMap<>()), account("alice"));
        Published fan = connector().reply(new ReplyPost(UUID.randomUUID(), "Congratulations!", post.externalId(), null),
                account("bob"));
        Published mention = connector().publish(new Post(UUID.randomUUID(), UUID.randomUUID(), 1,
                "Have you seen @alice.test today?", null, null, List.of(), null, "en", List.of(), new HashMap<>()),
                account("carol"));
        Published ours = connector().reply(new ReplyPost(UUID.randomUUID(), "Thank you!", fan.externalId(), null),
                account("alice"));
        List<ConversationSource.OwnPost> own = List.of(new ConversationSource.OwnPost("pub-1", post.externalId()));

        Map<String, ConversationSource.Item> byId = new HashMap<>();
        Map<String, String>[] cursor = new Map[1];
        // The AppView indexes the PDS's events shortly after they are written.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            ConversationSource.Reading reading = connector().conversations(account("alice"), Map.of(), own, start, 500);
            byId.clear();
            reading.items().forEach(i -> byId.put(i.externalId(), i));
            cursor[0] = reading.cursor();
            assertThat(byId).containsKeys(fan.externalId(), mention.externalId(), ours.externalId());
        });

        ConversationSource.Item comment = byId.get(fan.externalId());
        assertThat(comment.kind()).isEqualTo("comment");
        assertThat(comment.rootExternalId()).isEqualTo(post.externalId());
        assertThat(comment.parentExternalId()).isEqualTo(post.externalId());
        assertThat(comment.authorHandle()).isEqualTo("@bob.test");
        assertThat(comment.authorExternalId()).isEqualTo(network.account("bob").did());
        assertThat(comment.text()).isEqualTo("Congratulations!");
        assertThat(comment.fromUs()).isFalse();
        assertThat(byId.get(mention.externalId()).kind()).isEqualTo("mention");
        assertThat(byId.get(mention.externalId()).authorHandle()).isEqualTo("@carol.test");
        ConversationSource.Item answer = byId.get(ours.externalId());
        assertThat(answer.fromUs()).isTrue();
        assertThat(answer.kind()).isEqualTo("reply");
        assertThat(answer.parentExternalId()).isEqualTo(fan.externalId());
        assertThat(answer.rootExternalId()).isEqualTo(post.externalId());

        // The next reading starts where this one ended: the mention is not read again.
        ConversationSource.Reading next = connector().conversations(account("alice"), cursor[0], own, start, 500);
        assertThat(next.items()).extracting(ConversationSource.Item::externalId).doesNotContain(mention.externalId());
        assertThat(Optional.ofNullable(cursor[0].get("notificationsSeenUntil"))).isPresent();
    }
}
