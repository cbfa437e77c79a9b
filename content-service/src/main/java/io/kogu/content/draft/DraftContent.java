package io.kogu.content.draft;

import java.util.List;
import java.util.UUID;

/** What an editor writes in a draft: the part that a create sets and an update replaces. */
public record DraftContent(String title, String body, List<String> tags, List<UUID> targetSegmentIds) {
}
