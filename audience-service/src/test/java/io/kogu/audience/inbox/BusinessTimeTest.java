package io.kogu.audience.inbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessTimeTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");

    private static Instant at(String local) {
        return ZonedDateTime.parse(local + "[Europe/Tallinn]").toInstant();
    }

    @Test
    void onlyOpeningHoursCountAndTheWeekendIsClosed() {
        BusinessTime time = new BusinessTime(TALLINN, List.of(new InboxSettings.Hours("monday", "09:00", "17:00"),
                new InboxSettings.Hours("friday", "09:00", "17:00")));
        // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
        assertThat(time.between(at("2026-03-06T16:00:00+02:00"), at("2026-03-09T10:00:00+02:00")))
                .isEqualTo(Duration.ofHours(2));
        // Asked and answered at night: nothing counts.
        assertThat(time.between(at("2026-03-09T20:00:00+02:00"), at("2026-03-09T21:00:00+02:00"))).isZero();
        assertThat(time.between(at("2026-03-09T10:00:00+02:00"), at("2026-03-09T09:00:00+02:00"))).isZero();
    }

    @Test
    void aDayOfTheDaylightSavingChangeHasItsRealLength() {
        BusinessTime sunday = new BusinessTime(TALLINN, List.of(new InboxSettings.Hours("sunday", "00:00", "23:59")));
        // 29 March 2026: clocks go from 03:00 to 04:00 in Tallinn, so 00:00-23:59 lasts 22 h 59 min.
        assertThat(sunday.between(at("2026-03-28T12:00:00+02:00"), at("2026-03-30T12:00:00+03:00")))
                .isEqualTo(Duration.ofHours(22).plusMinutes(59));
        BusinessTime always = new BusinessTime(TALLINN, List.of());
        assertThat(always.between(at("2026-03-28T12:00:00+02:00"), at("2026-03-29T12:00:00+03:00")))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void percentilesAreByNearestRank() {
        List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(ResponseTimes.rank(sorted, 0.5)).isEqualTo(5.0);
        assertThat(ResponseTimes.rank(sorted, 0.9)).isEqualTo(9.0);
        assertThat(ResponseTimes.stats(List.of()).count()).isZero();
    }
}
