package io.kogu.content.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The decaying schedule of readings: the configured offsets after publication (5 min, 15 min, 1 h, 3 h, 6 h,
 * 12 h, 24 h by default), then one a day until the window ends (30 days). A reading that comes late (a replica was
 * down) does not make the missed ones up: the next reading is the first offset still ahead.
 */
public final class ReadingSchedule {

    private final List<Duration> offsets;

    public ReadingSchedule(List<Duration> configured, Duration until) {
        List<Duration> all = new ArrayList<>();
        Duration last = Duration.ZERO;
        for (Duration offset : configured) {
            if (offset.compareTo(last) > 0 && offset.compareTo(until) <= 0) {
                all.add(offset);
                last = offset;
            }
        }
        Duration day = Duration.ofDays(1);
        Duration next = last.isZero() ? day : last.plus(day);
        while (next.compareTo(until) <= 0) {
            all.add(next);
            next = next.plus(day);
        }
        this.offsets = List.copyOf(all);
    }

    public List<Duration> offsets() {
        return offsets;
    }

    /** The first reading after publication. */
    public Instant first(Instant publishedAt) {
        return offsets.isEmpty() ? null : publishedAt.plus(offsets.get(0));
    }

    /** The next reading after one taken at {@code now}; null when the window is over. */
    public Instant next(Instant publishedAt, Instant now) {
        for (Duration offset : offsets) {
            Instant at = publishedAt.plus(offset);
            if (at.isAfter(now)) {
                return at;
            }
        }
        return null;
    }
}
