package io.kogu.audience.moderation;

import java.time.Instant;
import java.util.List;

/** A new inbox item as the moderation sees it (INTERFACES.md C). */
public record IncomingItem(String network, String channelId, String kind, String authorHandle, String text,
                           List<String> mediaUrls, Instant occurredAt) {
}
