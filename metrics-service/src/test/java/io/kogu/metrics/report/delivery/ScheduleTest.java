package io.kogu.metrics.report.delivery;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Due times and periods in Europe/Tallinn across both daylight-saving changes of 2026 (29 March, 25 October). */
class ScheduleTest {

    static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    final Schedule mondayAt8 = new Schedule(Schedule.Cadence.WEEKLY, DayOfWeek.MONDAY, 1, LocalTime.of(8, 0), TALLINN);
    final Schedule firstAt8 = new Schedule(Schedule.Cadence.MONTHLY, null, 1, LocalTime.of(8, 0), TALLINN);

    @Test
    void mondayEightStaysEightAcrossTheAutumnChange() {
        // Monday 19 October 08:00 EEST (+03) is 05:00 UTC; after Sunday 25 October, 08:00 EET (+02) is 06:00 UTC.
        Instant first = mondayAt8.nextAfter(Instant.parse("2026-10-17T10:00:00Z"));
        assertThat(first).isEqualTo(Instant.parse("2026-10-19T05:00:00Z"));
        Instant second = mondayAt8.nextAfter(first);
        assertThat(second).isEqualTo(Instant.parse("2026-10-26T06:00:00Z"));
        assertThat(Duration.between(first, second)).isEqualTo(Duration.ofHours(169));
        assertThat(mondayAt8.nextAfter(second)).isEqualTo(Instant.parse("2026-11-02T06:00:00Z"));
        // Exactly at a due time: the next one is a week later, never the same one again.
        assertThat(mondayAt8.nextAfter(Instant.parse("2026-10-19T05:00:00Z"))).isEqualTo(second);
        assertThat(mondayAt8.nextAfter(Instant.parse("2026-10-19T04:59:59Z"))).isEqualTo(first);
    }

    @Test
    void theWeekOfTheChangeHas169Hours() {
        Schedule.Period period = mondayAt8.periodOf(Instant.parse("2026-10-26T06:00:00Z"));
        assertThat(period.from().toString()).isEqualTo("2026-10-19T00:00+03:00[Europe/Tallinn]");
        assertThat(period.to().toString()).isEqualTo("2026-10-26T00:00+02:00[Europe/Tallinn]");
        assertThat(Duration.between(period.from(), period.to())).isEqualTo(Duration.ofHours(169));
        // Spring: the week of 23 to 30 March has 167 hours.
        Schedule.Period spring = mondayAt8.periodOf(mondayAt8.nextAfter(Instant.parse("2026-03-29T12:00:00Z")));
        assertThat(spring.from().toLocalDate().toString()).isEqualTo("2026-03-23");
        assertThat(Duration.between(spring.from(), spring.to())).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void aWednesdayReportCoversTheLastWholeWeek() {
        Schedule wednesday = new Schedule(Schedule.Cadence.WEEKLY, DayOfWeek.WEDNESDAY, 1, LocalTime.of(9, 30), TALLINN);
        Instant due = wednesday.nextAfter(Instant.parse("2026-10-19T00:00:00Z"));
        assertThat(due).isEqualTo(Instant.parse("2026-10-21T06:30:00Z"));
        assertThat(wednesday.periodOf(due).from().toLocalDate().toString()).isEqualTo("2026-10-12");
        assertThat(wednesday.periodOf(due).to().toLocalDate().toString()).isEqualTo("2026-10-19");
    }

    @Test
    void monthlyOnTheFirstAcrossTheSpringChange() {
        Instant march = firstAt8.nextAfter(Instant.parse("2026-02-20T00:00:00Z"));
        assertThat(march).isEqualTo(Instant.parse("2026-03-01T06:00:00Z"));
        Instant april = firstAt8.nextAfter(march);
        assertThat(april).isEqualTo(Instant.parse("2026-04-01T05:00:00Z"));
        Schedule.Period period = firstAt8.periodOf(april);
        assertThat(period.from().toString()).isEqualTo("2026-03-01T00:00+02:00[Europe/Tallinn]");
        assertThat(Duration.between(period.from(), period.to())).isEqualTo(Duration.ofHours(743));
        // The 15th of a month, asked on the 20th: next month's 15th.
        Schedule fifteenth = new Schedule(Schedule.Cadence.MONTHLY, null, 15, LocalTime.of(8, 0), ZoneOffset.UTC);
        assertThat(fifteenth.nextAfter(Instant.parse("2026-01-20T00:00:00Z"))).isEqualTo(Instant.parse("2026-02-15T08:00:00Z"));
        assertThat(fifteenth.nextAfter(Instant.parse("2026-01-10T00:00:00Z"))).isEqualTo(Instant.parse("2026-01-15T08:00:00Z"));
    }

    @Test
    void aTimeInTheSpringGapMovesForwardAndOneInTheAutumnOverlapIsSentOnce() {
        Schedule sundayAt0330 = new Schedule(Schedule.Cadence.WEEKLY, DayOfWeek.SUNDAY, 1, LocalTime.of(3, 30), TALLINN);
        // 29 March 2026: 03:00 → 04:00; 03:30 does not exist, 04:30 EEST (01:30 UTC) is taken.
        assertThat(sundayAt0330.nextAfter(Instant.parse("2026-03-28T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // 25 October 2026: 04:00 → 03:00; 03:30 happens twice, the first (EEST, 00:30 UTC) is taken, only once.
        Instant autumn = sundayAt0330.nextAfter(Instant.parse("2026-10-24T00:00:00Z"));
        assertThat(autumn).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(sundayAt0330.nextAfter(autumn)).isEqualTo(Instant.parse("2026-11-01T01:30:00Z"));
    }

    @Test
    void afterAnOutageOnlyTheLatestMissedReportIsDue() {
        Instant due = Instant.parse("2026-10-19T05:00:00Z");
        assertThat(mondayAt8.latestDue(due, Instant.parse("2026-11-03T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-02T06:00:00Z"));
        assertThat(mondayAt8.latestDue(due, due)).isEqualTo(due);
    }
}
