package io.kogu.content.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One channel's time as asked: an instant, or a wall-clock time in a zone; {@code rrule} makes it recur.
 * {@code basis}: for a time chosen as the best one, what chose it.
 */
public record SlotRequest(UUID channelId, Instant publishAt, LocalDateTime localDateTime, String timeZone, String rrule,
        String basis) {

    public SlotRequest(UUID channelId, Instant publishAt, LocalDateTime localDateTime, String timeZone, String rrule) {
        this(channelId, publishAt, localDateTime, timeZone, rrule, null);
    }
}
