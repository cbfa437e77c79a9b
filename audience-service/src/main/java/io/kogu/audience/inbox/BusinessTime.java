package io.kogu.audience.inbox;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time counted only within business hours, in the workspace's time zone: each local day's opening intervals are
 * turned into instants through the zone (so a day of a daylight-saving change has its real length) and intersected
 * with the span. No hours at all means always open.
 */
public final class BusinessTime {

    private final ZoneId zone;
    private final Map<DayOfWeek, List<LocalTime[]>> hours = new EnumMap<>(DayOfWeek.class);

    public BusinessTime(ZoneId zone, List<InboxSettings.Hours> intervals) {
        this.zone = zone;
        for (InboxSettings.Hours h : intervals) {
            hours.computeIfAbsent(DayOfWeek.valueOf(h.weekday().toUpperCase(Locale.ROOT)), d -> new ArrayList<>())
                    .add(new LocalTime[] {LocalTime.parse(h.start()), LocalTime.parse(h.end())});
        }
    }

    /** The business time between two instants ({@code to} after {@code from}; otherwise zero). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (hours.isEmpty()) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (LocalTime[] interval : hours.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant open = ZonedDateTime.of(day, interval[0], zone).toInstant();
                Instant close = ZonedDateTime.of(day, interval[1], zone).toInstant();
                Instant start = open.isAfter(from) ? open : from;
                Instant end = close.isBefore(to) ? close : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }
}
