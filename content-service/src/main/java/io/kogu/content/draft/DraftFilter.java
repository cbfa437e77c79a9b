package io.kogu.content.draft;

import java.time.Instant;
import java.util.UUID;

/**
 * What a draft list is narrowed to; every field is optional. {@code text} is a full-text query;
 * {@code awaitingApprovalBy} a token subject whose approval the drafts wait for (in review, not theirs, no revision
 * of theirs, not approved by them).
 */
public record DraftFilter(String status, String tag, UUID channelId, String campaign, String author,
        Instant createdFrom, Instant createdTo, String text, String awaitingApprovalBy) {

    public DraftFilter(String status, String tag, UUID channelId, String campaign, String author,
            Instant createdFrom, Instant createdTo, String text) {
        this(status, tag, channelId, campaign, author, createdFrom, createdTo, text, null);
    }
}
