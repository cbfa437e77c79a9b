package io.kogu.content.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/** One channel's time as asked: an instant, or a wall-clock time in a zone; {@code rrule} makes it recur. */
public record SlotRequest(UUID channelId, Instant publishAt, LocalDateTime localDateTime, String timeZone, String rrule) {
}
