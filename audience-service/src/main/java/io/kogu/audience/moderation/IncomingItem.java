package io.kogu.audience.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new inbox item as the moderation sees it (INTERFACES.md C). */
public record IncomingItem(String network, UUID channelId, String kind, String authorHandle, String text,
                           List<String> mediaUrls, Instant occurredAt) {
}
