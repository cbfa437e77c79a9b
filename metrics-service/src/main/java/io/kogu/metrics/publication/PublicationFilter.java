package io.kogu.metrics.publication;

import java.util.UUID;

/** Which publications a read covers; null parts do not filter. */
public record PublicationFilter(UUID channelId, String network, String campaign, String tag) {
}
