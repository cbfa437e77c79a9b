package io.kogu.content.publish.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connector that can read what people say to and about the channel (issue 13): comments on its posts, replies in
 * their threads, mentions elsewhere, and the channel's own replies among them ({@code fromUs}). Called by the
 * conversation collector ({@code io.kogu.content.collect.ConversationCollector}) outside any transaction, per channel,
 * with what the previous reading kept ({@code cursor}: since ids, the time read up to) and the channel's recent posts.
 * Failures are {@link PublishFailure}s in the same terms as the engagement readings.
 */
public interface ConversationSource {

    /** One of the channel's own posts whose thread is read: its publication and the network's id. */
    record OwnPost(String publicationId, String externalId) {
    }

    /** One item, in the terms of audience-service's {@code POST /v1/conversation-items} (INTERFACES.md A). */
    record Item(String kind, String externalId, String parentExternalId, String rootExternalId, String authorHandle,
                String authorName, String authorExternalId, String text, String url, Instant occurredAt,
                boolean fromUs) {
    }

    /** What one reading found, and the cursor the next reading starts from. */
    record Reading(List<Item> items, Map<String, String> cursor) {
    }

    /**
     * The items new since {@code cursor} (empty on the first reading: then only what is at most {@code since} old),
     * at most about {@code limit}; the threads of {@code ownPosts} are read too.
     */
    Reading conversations(Account account, Map<String, String> cursor, List<OwnPost> ownPosts, Instant since, int limit)
            throws PublishFailure;
}
