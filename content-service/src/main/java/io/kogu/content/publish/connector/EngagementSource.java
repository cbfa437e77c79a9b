package io.kogu.content.publish.connector;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A connector that can read a published post's engagement back (issue 12): its counters, many posts a call where
 * the network allows, and where the network names them, the people who engaged. Implemented by the connectors of
 * Bluesky, Mastodon and X; the collector ({@code io.kogu.content.collect}) calls it outside any transaction.
 * Counter names are Kogu's event types (metrics-service's {@code EventType}); the mapping of each network's
 * counters is in docs/content.md ("Engagement collection"). Failures are {@link PublishFailure}s in the same
 * terms as publishing: {@code UNAUTHORIZED} (after which the collector renews access once with
 * {@link Connector#refresh}), {@code NOT_PUBLISHED} with a {@code retryAfter} for 429, others transient.
 */
public interface EngagementSource {

    /** How many posts one {@link #counters} call takes at most. */
    int countersBatch();

    /**
     * The counters of these posts (at most {@link #countersBatch()}), by external id, each by Kogu event type
     * ({@code like}, {@code repost}, {@code comment}, …). A post the network no longer shows is absent.
     */
    Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure;

    /**
     * The people who engaged with one post, where the network names them (likes and reposts on Bluesky,
     * favourites and boosts on Mastodon), up to {@code limit} per type; empty where it does not.
     */
    default List<Engager> engagers(Account account, String externalId, int limit) throws PublishFailure {
        return List.of();
    }

    /** One person's engagement: the Kogu event type, the network's stable id of the actor, and their handle. */
    record Engager(String type, String actorId, String handle) {
    }

    /** Puts a network's counter under a Kogu event type when it is a count (a whole number, not negative). */
    static void putCount(Map<String, Long> counts, String type, JsonNode value) {
        if (value.canConvertToLong() && value.longValue() >= 0) {
            counts.put(type, value.longValue());
        }
    }
}
