package io.kogu.metrics.report.delivery;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a report subscription's reports go out and which period each covers, in the subscription's time zone with
 * java.time: a local date and time is resolved in the zone for each occurrence (never an instant plus 7 days), so
 * "Monday 08:00" stays 08:00 across daylight-saving changes. A time in a spring-forward gap moves forward by the
 * gap (03:30 on the last Sunday of March in Tallinn is 04:30); in an autumn overlap the earlier offset is taken,
 * so the report goes out once.
 *
 * @param weekday    the day of a weekly report (ignored for monthly)
 * @param dayOfMonth the day of a monthly report, 1 to 28 (ignored for weekly)
 */
public record Schedule(Cadence cadence, DayOfWeek weekday, int dayOfMonth, LocalTime time, ZoneId zone) {

    public enum Cadence { WEEKLY, MONTHLY }

    /** The period a report covers: [from, to) in the zone. */
    public record Period(ZonedDateTime from, ZonedDateTime to) {
    }

    /** The first due time strictly after {@code after}. */
    public Instant nextAfter(Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate();
        LocalDate candidate = cadence == Cadence.WEEKLY
                ? day.with(TemporalAdjusters.previousOrSame(weekday))
                : day.withDayOfMonth(dayOfMonth).isAfter(day) ? day.withDayOfMonth(dayOfMonth).minusMonths(1)
                : day.withDayOfMonth(dayOfMonth);
        while (!at(candidate).isAfter(after)) {
            candidate = cadence == Cadence.WEEKLY ? candidate.plusWeeks(1) : candidate.plusMonths(1);
        }
        return at(candidate);
    }

    /** The last due time at or before {@code now}, starting from the due time {@code due} (which is at or before it). */
    public Instant latestDue(Instant due, Instant now) {
        Instant latest = due;
        for (Instant next = nextAfter(latest); !next.isAfter(now); next = nextAfter(latest)) {
            latest = next;
        }
        return latest;
    }

    /**
     * The period of the report due at {@code due}: the last whole week (Monday 00:00 to Monday 00:00) or month
     * (the 1st 00:00 to the 1st 00:00) that ended on or before the due day.
     */
    public Period periodOf(Instant due) {
        LocalDate day = due.atZone(zone).toLocalDate();
        LocalDate end = cadence == Cadence.WEEKLY ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : day.withDayOfMonth(1);
        LocalDate start = cadence == Cadence.WEEKLY ? end.minusWeeks(1) : end.minusMonths(1);
        return new Period(start.atStartOfDay(zone), end.atStartOfDay(zone));
    }

    private Instant at(LocalDate day) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}
