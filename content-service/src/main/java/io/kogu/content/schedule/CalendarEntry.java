package io.kogu.content.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One publication shown in the calendar; {@code occurrence} is set for an occurrence of a recurring slot. */
public record CalendarEntry(UUID draftId, UUID slotId, UUID channelId, String title, String state, Instant publishAt,
        LocalDate occurrence) {

    /** For JPQL's constructor expression: a one-time slot. */
    public CalendarEntry(UUID draftId, UUID slotId, UUID channelId, String title, String state, Instant publishAt) {
        this(draftId, slotId, channelId, title, state, publishAt, null);
    }
}
