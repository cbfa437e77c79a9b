package io.kogu.content.schedule;

import io.kogu.platform.problem.ProblemException;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * Occurrences of a recurring slot, computed by lib-recur (RFC 5545) in the slot's zone: every occurrence keeps
 * the first one's wall-clock time, so a weekly 09:30 stays 09:30 across daylight-saving changes.
 */
public final class Recurrence {

    /** A finite series may have at most this many occurrences. */
    public static final int MAX_OCCURRENCES = 1000;
    private static final Set<Freq> FREQUENCIES = EnumSet.of(Freq.DAILY, Freq.WEEKLY, Freq.MONTHLY);

    private Recurrence() {
    }

    /** The rule, checked to be one the contract accepts (400 naming {@code field} otherwise). */
    public static RecurrenceRule parse(String rrule, String field) {
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(rrule.startsWith("RRULE:") ? rrule.substring(6) : rrule,
                    RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw ProblemException.invalid(field, "is not an RFC 5545 RRULE (e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10)");
        }
        if (!FREQUENCIES.contains(rule.getFreq())) {
            throw ProblemException.invalid(field, "FREQ must be DAILY, WEEKLY or MONTHLY");
        }
        // Not a static constant: touching RecurrenceRule.Part before RecurrenceRule is initialized breaks
        // lib-recur's class initialization (its enum and the rule class refer to each other).
        for (RecurrenceRule.Part part : List.of(RecurrenceRule.Part.BYHOUR, RecurrenceRule.Part.BYMINUTE,
                RecurrenceRule.Part.BYSECOND)) {
            if (rule.hasPart(part)) {
                throw ProblemException.invalid(field, part + " is not supported: at most one occurrence a day");
            }
        }
        if (rule.getCount() != null && rule.getCount() > MAX_OCCURRENCES) {
            throw ProblemException.invalid(field, "COUNT must be at most " + MAX_OCCURRENCES);
        }
        return rule;
    }

    /** The last occurrence, or null when the series does not end. */
    public static Instant last(RecurrenceRule rule, Instant first, ZoneId zone) {
        if (rule.isInfinite()) {
            return null;
        }
        RecurrenceRuleIterator occurrences = rule.iterator(first.toEpochMilli(), TimeZone.getTimeZone(zone));
        long last = first.toEpochMilli();
        int count = 0;
        while (occurrences.hasNext() && count++ <= MAX_OCCURRENCES * 40) {
            last = occurrences.nextMillis();
        }
        return Instant.ofEpochMilli(last);
    }

    /** The occurrences in {@code [start, end)}, each with its own date in {@code zone}. */
    public static List<Occurrence> between(String rrule, Instant first, ZoneId zone, Instant start, Instant end) {
        RecurrenceRule rule = parse(rrule, "rrule");
        RecurrenceRuleIterator occurrences = rule.iterator(first.toEpochMilli(), TimeZone.getTimeZone(zone));
        occurrences.fastForward(start.toEpochMilli());
        List<Occurrence> found = new ArrayList<>();
        while (occurrences.hasNext()) {
            Instant at = Instant.ofEpochMilli(occurrences.nextMillis());
            if (!at.isBefore(end)) {
                break;
            }
            found.add(new Occurrence(at.atZone(zone).toLocalDate(), at));
        }
        return found;
    }

    /** The occurrence on {@code date} (in {@code zone}), or null when the series has none that day. */
    public static Occurrence on(String rrule, Instant first, ZoneId zone, LocalDate date) {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Occurrence> that = between(rrule, first, zone, dayStart, dayEnd);
        return that.isEmpty() ? null : that.get(0);
    }

    public record Occurrence(LocalDate date, Instant at) {
    }
}
