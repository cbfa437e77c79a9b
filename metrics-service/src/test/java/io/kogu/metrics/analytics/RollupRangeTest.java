package io.kogu.metrics.analytics;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RollupRangeTest {

    @Test
    void wholeDaysComeFromDailyRollupsAndTheEdgesFromHourlyOnes() {
        assertThat(RollupRange.split(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-04T05:00:00Z"), true))
                .containsExactly(
                        new RollupRange(false, Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), true),
                        new RollupRange(true, Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z"), true),
                        new RollupRange(false, Instant.parse("2026-11-04T00:00:00Z"), Instant.parse("2026-11-04T05:00:00Z"), true));
    }

    @Test
    void alignedPeriodsAreDailyOnlyAndShortOnesHourlyOnly() {
        assertThat(RollupRange.split(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"), false))
                .containsExactly(new RollupRange(true, Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-03T00:00:00Z"), false));
        assertThat(RollupRange.split(Instant.parse("2026-11-01T03:00:00Z"), Instant.parse("2026-11-01T09:00:00Z"), true))
                .containsExactly(new RollupRange(false, Instant.parse("2026-11-01T03:00:00Z"),
                        Instant.parse("2026-11-01T09:00:00Z"), true));
    }
}
