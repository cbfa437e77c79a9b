package io.kogu.content.listen;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A story as read for the API: its items (one per source) and the monitors that matched it, the caller's marks. */
public record StoryView(UUID id, String title, String url, String summary, Instant firstSeenAt, Instant publishedAt,
                        int sourceCount, boolean competitor, List<Item> items, List<UUID> monitorIds, boolean read,
                        boolean saved) {

    public record Item(UUID sourceId, String sourceTitle, boolean competitor, String url, String title, String summary,
                       String author, Instant publishedAt, Instant seenAt) {
    }
}
