package io.kogu.content.draft;

import java.time.Instant;
import java.util.UUID;

/** What a draft list is narrowed to; every field is optional. {@code text} is a full-text query. */
public record DraftFilter(String status, String tag, UUID channelId, String campaign, String author,
        Instant createdFrom, Instant createdTo, String text) {
}
