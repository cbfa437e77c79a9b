package io.kogu.audience.moderation;

import java.time.Instant;
import java.util.List;

/** What moderation looks at in a new conversation item (INTERFACES.md C; lane inbox builds it from the intake). */
public record IncomingItem(String network, String channelId, String kind, String authorHandle, String text,
                           List<String> mediaUrls, Instant occurredAt) {
}
