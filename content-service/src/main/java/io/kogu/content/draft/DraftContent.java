package io.kogu.content.draft;

import java.util.List;
import java.util.UUID;

/**
 * What an editor writes in a draft: the part that a create sets, an update replaces and a revision keeps.
 * Stored as JSON in revisions, so its shape is part of the schema: add fields, never rename them.
 * {@code plannedAt} is an ISO-8601 instant, kept as text so that the stored JSON needs no date support.
 */
public record DraftContent(String title, String body, List<UUID> channelIds, List<Variant> variants, List<Media> media,
        String link, List<String> tags, String campaign, List<UUID> targetSegmentIds, String notes, String plannedAt) {

    public DraftContent {
        body = body == null ? "" : body;
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        variants = variants == null ? List.of() : List.copyOf(variants);
        media = media == null ? List.of() : List.copyOf(media);
        tags = tags == null ? List.of() : List.copyOf(tags);
        targetSegmentIds = targetSegmentIds == null ? List.of() : List.copyOf(targetSegmentIds);
    }

    /** One picture, video or GIF; the sizes are those known when it was attached. */
    public record Media(String url, String kind, String altText, Integer width, Integer height, Double durationSeconds) {
    }

    /**
     * How the content reads on one channel: each non-null field replaces the draft's own there.
     * {@code mediaSelection} holds positions in the draft's media.
     */
    public record Variant(UUID channelId, String text, List<Integer> mediaSelection, String firstComment) {
    }

    /** The variant for a channel, if the editor wrote one. */
    public Variant variantFor(UUID channelId) {
        return variants.stream().filter(v -> v.channelId().equals(channelId)).findFirst().orElse(null);
    }
}
