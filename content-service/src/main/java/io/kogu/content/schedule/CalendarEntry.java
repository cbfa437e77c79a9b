package io.kogu.content.schedule;

import java.time.Instant;
import java.util.UUID;

/** One publication shown in the calendar. */
public record CalendarEntry(UUID draftId, UUID slotId, UUID channelId, String title, String state, Instant publishAt) {
}
