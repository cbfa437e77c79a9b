package io.kogu.content.publish;

import io.kogu.content.draft.DraftContent;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What one publication says, kept as it was approved when the publication was made: the channel's variant text,
 * media selection and first comment, else the draft's own. Stored as JSON (publication.content): add fields,
 * never rename them.
 */
public record PublicationContent(String text, String title, String link, List<DraftContent.Media> media,
        String firstComment, List<String> tags, String campaign, List<UUID> targetSegmentIds) {

    public PublicationContent {
        media = media == null ? List.of() : List.copyOf(media);
        tags = tags == null ? List.of() : List.copyOf(tags);
        targetSegmentIds = targetSegmentIds == null ? List.of() : List.copyOf(targetSegmentIds);
    }

    /** The content for {@code channelId}: its variant where it has one, the draft's base content otherwise. */
    public static PublicationContent of(DraftContent draft, UUID channelId) {
        DraftContent.Variant variant = draft.variantFor(channelId);
        String text = variant != null && variant.text() != null ? variant.text() : draft.body();
        List<DraftContent.Media> media = draft.media();
        if (variant != null && variant.mediaSelection() != null) {
            List<DraftContent.Media> selected = new ArrayList<>();
            for (Integer position : variant.mediaSelection()) {
                if (position != null && position >= 0 && position < draft.media().size()) {
                    selected.add(draft.media().get(position));
                }
            }
            media = selected;
        }
        return new PublicationContent(text, draft.title(), draft.link(), media,
                variant == null ? null : variant.firstComment(), draft.tags(), draft.campaign(), draft.targetSegmentIds());
    }
}
