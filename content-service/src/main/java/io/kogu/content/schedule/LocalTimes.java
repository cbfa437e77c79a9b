package io.kogu.content.schedule;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/** Wall-clock times in a zone, turned into instants the way the contract documents. */
public final class LocalTimes {

    private LocalTimes() {
    }

    /**
     * The instant of {@code local} in {@code zone}. A time skipped when clocks spring forward does not exist:
     * 422 naming the change. A time repeated when clocks fall back is taken with the earlier offset (the first
     * time the clock shows it), as {@link java.time.ZonedDateTime#ofLocal} does without a preference.
     */
    public static Instant resolve(LocalDateTime local, ZoneId zone, String field) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            throw ProblemException.unprocessable(
                    "%s does not exist in %s: clocks jump from %s to %s. Pick another time.".formatted(local, zone,
                            gap.getDateTimeBefore().toLocalTime(), gap.getDateTimeAfter().toLocalTime()),
                    List.of(new FieldError(field, "does not exist in " + zone + " (daylight-saving gap)")));
        }
        return local.atZone(zone).toInstant();
    }
}
