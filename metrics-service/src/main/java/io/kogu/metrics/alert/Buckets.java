package io.kogu.metrics.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The time grid of inbox activity: 15-minute buckets in UTC (every zone's offset is a multiple of 15 minutes, so a
 * local hour is always four whole buckets), and the buckets of the same hour of the week in the weeks before, which
 * make a bucket's baseline.
 */
public final class Buckets {

    /** One bucket: short enough to notice a crisis within minutes, long enough to hold a few items. */
    public static final Duration LENGTH = Duration.ofMinutes(15);

    /** Buckets in an hour: the samples of one past week for one bucket's baseline. */
    public static final int PER_HOUR = 4;

    private Buckets() {
    }

    /** The start of the bucket that holds {@code instant}. */
    public static Instant start(Instant instant) {
        long seconds = LENGTH.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** The start of the bucket {@code n} buckets before (negative: after) the one starting at {@code start}. */
    public static Instant before(Instant start, int n) {
        return start.minus(LENGTH.multipliedBy(n));
    }

    /**
     * The buckets of the same local hour of the week as {@code bucketStart} (in {@code zone}) in each of the
     * {@code weeks} weeks before, oldest first, four per week. Counted in local time, so that 09:00 on a Monday in
     * Tallinn is compared with 09:00 on Mondays on both sides of a daylight-saving change.
     */
    public static List<Instant> sameHourOfWeek(Instant bucketStart, ZoneId zone, int weeks) {
        ZonedDateTime hour = bucketStart.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        List<Instant> starts = new ArrayList<>(weeks * PER_HOUR);
        for (int week = weeks; week >= 1; week--) {
            Instant first = hour.minusWeeks(week).toInstant();
            for (int quarter = 0; quarter < PER_HOUR; quarter++) {
                starts.add(first.plus(LENGTH.multipliedBy(quarter)));
            }
        }
        return starts;
    }
}
