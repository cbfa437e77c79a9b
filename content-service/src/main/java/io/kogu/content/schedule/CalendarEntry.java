package io.kogu.content.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One publication shown in the calendar; {@code occurrence} is set for an occurrence of a recurring slot,
 * {@code publicationId} and {@code publicationState} once the slot (occurrence) has a publication.
 */
public record CalendarEntry(UUID draftId, UUID slotId, UUID channelId, String title, String state, Instant publishAt,
        LocalDate occurrence, UUID publicationId, String publicationState) {

    /** For JPQL's constructor expression: a one-time slot. */
    public CalendarEntry(UUID draftId, UUID slotId, UUID channelId, String title, String state, Instant publishAt) {
        this(draftId, slotId, channelId, title, state, publishAt, null, null, null);
    }

    public CalendarEntry(UUID draftId, UUID slotId, UUID channelId, String title, String state, Instant publishAt,
            LocalDate occurrence) {
        this(draftId, slotId, channelId, title, state, publishAt, occurrence, null, null);
    }

    public CalendarEntry withPublication(UUID id, String publicationState) {
        return new CalendarEntry(draftId, slotId, channelId, title, state, publishAt, occurrence, id, publicationState);
    }
}
