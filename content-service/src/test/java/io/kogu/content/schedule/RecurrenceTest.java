package io.kogu.content.schedule;

import io.kogu.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecurrenceTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");

    @Test
    void aWeeklySeriesKeepsItsLocalTimeAcrossTheAutumnChange() {
        Instant first = LocalDateTime.parse("2027-10-18T09:30").atZone(TALLINN).toInstant();
        List<Recurrence.Occurrence> occurrences = Recurrence.between("FREQ=WEEKLY;COUNT=4", first, TALLINN,
                Instant.parse("2027-10-01T00:00:00Z"), Instant.parse("2027-12-01T00:00:00Z"));
        assertThat(occurrences).extracting(Recurrence.Occurrence::at).containsExactly(
                Instant.parse("2027-10-18T06:30:00Z"), Instant.parse("2027-10-25T06:30:00Z"),
                Instant.parse("2027-11-01T07:30:00Z"), Instant.parse("2027-11-08T07:30:00Z"));
        assertThat(occurrences).allSatisfy(o -> assertThat(o.at().atZone(TALLINN).toLocalTime()).hasToString("09:30"));
    }

    @Test
    void anOccurrenceInTheSpringGapIsPublishedAfterTheJump() {
        Instant first = LocalDateTime.parse("2027-03-27T03:30").atZone(TALLINN).toInstant();
        Recurrence.Occurrence gapDay = Recurrence.on("FREQ=DAILY;COUNT=3", first, TALLINN, LocalDate.parse("2027-03-28"));
        assertThat(gapDay.at().atZone(TALLINN).toLocalTime()).hasToString("04:30");
        assertThat(Recurrence.on("FREQ=DAILY;COUNT=3", first, TALLINN, LocalDate.parse("2027-03-29")).at()
                .atZone(TALLINN).toLocalTime()).hasToString("03:30");
    }

    @Test
    void theLastOccurrenceOfAFiniteSeriesIsKnown() {
        Instant first = LocalDateTime.parse("2027-01-04T10:00").atZone(TALLINN).toInstant();
        assertThat(Recurrence.last(Recurrence.parse("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "r"), first, TALLINN))
                .isEqualTo(LocalDateTime.parse("2027-01-13T10:00").atZone(TALLINN).toInstant());
        assertThat(Recurrence.last(Recurrence.parse("FREQ=DAILY", "r"), first, TALLINN)).isNull();
    }

    @Test
    void onlyDailyWeeklyAndMonthlyRulesWithoutSubDailyPartsAreAccepted() {
        assertThatThrownBy(() -> Recurrence.parse("FREQ=HOURLY;COUNT=3", "rrule")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Recurrence.parse("FREQ=DAILY;BYHOUR=9,17", "rrule")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Recurrence.parse("every monday", "rrule")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Recurrence.parse("FREQ=DAILY;COUNT=5000", "rrule")).isInstanceOf(ProblemException.class);
        assertThat(Recurrence.parse("RRULE:FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20281231T000000Z", "rrule")).isNotNull();
    }
}
