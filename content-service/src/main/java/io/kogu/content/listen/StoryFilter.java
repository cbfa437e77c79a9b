package io.kogu.content.listen;

import java.time.Instant;
import java.util.UUID;

/** The stream's filters; null: not filtered. {@code mostShared} orders by the number of sources first. */
public record StoryFilter(UUID sourceId, UUID monitorId, Boolean competitor, Boolean read, Boolean saved, Instant from,
                          Instant to, boolean mostShared) {
}
