package io.kogu.content.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;

/**
 * Daylight-saving changes that lie ahead, computed from today, for tests that schedule across them: the
 * changes of the year after this one (so always in the future, whatever today is).
 */
public final class Dst {

    private Dst() {
    }

    /** The first year whose changes all lie ahead: next year. */
    public static int nextYear() {
        return Year.now(ZoneOffset.UTC).getValue() + 1;
    }

    /** The spring change (clocks go forward: a gap) of {@code year} in {@code zone}. */
    public static ZoneOffsetTransition spring(ZoneId zone, int year) {
        ZoneOffsetTransition change = zone.getRules().nextTransition(LocalDateTime.of(year, 1, 1, 0, 0).atZone(zone).toInstant());
        if (!change.isGap()) {
            throw new IllegalStateException(zone + " has no spring change in " + year);
        }
        return change;
    }

    /** The autumn change (clocks go back: an overlap) that follows the spring change of {@code year}. */
    public static ZoneOffsetTransition autumn(ZoneId zone, int year) {
        ZoneOffsetTransition change = zone.getRules().nextTransition(spring(zone, year).getInstant());
        if (!change.isOverlap()) {
            throw new IllegalStateException(zone + " has no autumn change in " + year);
        }
        return change;
    }

    /** An instant a year or two ahead, for tests that only need "some time in the future". */
    public static Instant future(String monthDayTime) {
        return Instant.parse((nextYear() + 1) + "-" + monthDayTime);
    }
}
