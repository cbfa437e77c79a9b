package io.kogu.metrics.alert;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The detector on generated seasonal traffic (docs/alerts-model.md): a quiet month raises nothing, a 3× spike is
 * caught within two buckets, a burst of spam raises one alert. The generator is seeded; the seed is printed, and
 * {@code -Dkogu.alerts.seed=N} runs the tests on another one.
 */
class BreakoutDetectorTest {

    static final long SEED = Long.getLong("kogu.alerts.seed", 20261130L);
    static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    /** Four weeks of history, then a month that holds the autumn daylight-saving change in Tallinn. */
    static final Instant HISTORY_START = ZonedDateTime.of(2026, 9, 7, 0, 0, 0, 0, TALLINN).toInstant();
    static final int HISTORY = 28 * 96;
    static final int MONTH = 30 * 96;

    @BeforeAll
    static void printSeed() {
        System.out.println("BreakoutDetectorTest seed: " + SEED + " (-Dkogu.alerts.seed=" + SEED + " repeats it)");
    }

    @Test
    void aQuietMonthRaisesNoAlert() {
        for (Metric metric : List.of(Metric.ITEMS, Metric.SPAM_SHARE)) {
            for (double level : new double[] {3, 10, 40}) {
                SeasonalTraffic traffic = new SeasonalTraffic(SEED, HISTORY_START, 58, TALLINN, level, 0.15, 0.05);
                List<Integer> raised = Simulation.raised(traffic, Simulation.defaults(metric, TALLINN), HISTORY,
                        HISTORY + MONTH);
                assertThat(raised).as("alerts on a quiet month, %s at %s per bucket, seed %d", metric, level, SEED)
                        .isEmpty();
            }
        }
    }

    @Test
    void aThreefoldSpikeRaisesOneAlertWithinTwoBuckets() {
        SeasonalTraffic traffic = new SeasonalTraffic(SEED, HISTORY_START, 58, TALLINN, 10, 0.15, 0.05);
        // Wednesday 13:00 in Tallinn, in the month after the history: an hour at three times the usual volume.
        int spike = traffic.index(ZonedDateTime.of(2026, 10, 14, 13, 0, 0, 0, TALLINN).toInstant());
        traffic.spike(spike, 4, 3, SEED + 1);
        List<Integer> raised = Simulation.raised(traffic, Simulation.defaults(Metric.ITEMS, TALLINN), HISTORY,
                HISTORY + MONTH);
        assertThat(raised).as("seed %d", SEED).hasSize(1);
        assertThat(raised.get(0) - spike + 1).as("buckets from the spike's start to the alert").isBetween(1, 2);
    }

    @Test
    void aBurstOfFiveHundredSpamItemsInFiveMinutesRaisesOneAlert() {
        SeasonalTraffic traffic = new SeasonalTraffic(SEED, HISTORY_START, 30, TALLINN, 10, 0.15, 0.05);
        int burst = traffic.index(ZonedDateTime.of(2026, 10, 5, 10, 0, 0, 0, TALLINN).toInstant());
        RuleSettings spamRule = new RuleSettings(Metric.SPAM_SHARE, 10, 1, Duration.ofHours(1), 4, TALLINN);
        Instant lastRaised = null;
        int alerts = 0;
        // Evaluated every minute for an hour while 100 spam items arrive each minute for five minutes.
        for (int minute = 0; minute < 60; minute++) {
            if (minute < 5) {
                traffic.items[burst] += 100;
                traffic.spam[burst] += 100;
            }
            Instant now = traffic.at(burst).plus(Duration.ofMinutes(minute)).plusSeconds(30);
            Decision decision = RuleEvaluator.evaluate(spamRule, now,
                    start -> traffic.observation(start, Metric.SPAM_SHARE), traffic.start, lastRaised);
            if (decision.raise()) {
                alerts++;
                lastRaised = now;
            }
        }
        assertThat(alerts).isEqualTo(1);
    }

    @Test
    void aRuleWithoutHistoryDoesNotAlert() {
        RuleSettings rule = Simulation.defaults(Metric.ITEMS, ZoneId.of("UTC"));
        Instant now = Instant.parse("2026-10-14T12:07:00Z");
        Decision decision = RuleEvaluator.evaluate(rule, now, start -> Observation.of(500), now, null);
        assertThat(decision.raise()).isFalse();
        assertThat(decision.verdict().samples()).isZero();
    }

    @Test
    void theMinimumCountAndRatioKeepSmallOrSteadyScopesQuiet() {
        List<List<Observation>> quiet = List.of(
                List.of(Observation.of(0), Observation.of(0), Observation.of(1), Observation.of(0)),
                List.of(Observation.of(1), Observation.of(0), Observation.of(0), Observation.of(0)));
        assertThat(BreakoutDetector.volume(Observation.of(9), quiet, 10).breaking()).isFalse();
        assertThat(BreakoutDetector.volume(Observation.of(10), quiet, 10).breaking()).isTrue();
        List<Observation> hour = List.of(Observation.of(1000), Observation.of(1000), Observation.of(1000),
                Observation.of(1000));
        List<List<Observation>> steady = List.of(hour, hour, hour, hour);
        // 1,900 against a flat 1,000 is far in any tail, but under twice the usual level.
        assertThat(BreakoutDetector.volume(Observation.of(1900), steady, 10).breaking()).isFalse();
        assertThat(BreakoutDetector.volume(Observation.of(2000), steady, 10).breaking()).isTrue();
    }

    @Test
    void theTailsAreThoseOfTheDistributions() {
        PoissonDistribution poisson = new PoissonDistribution(7.5);
        assertThat(BreakoutDetector.negativeBinomialAtLeast(15, 7.5, 7.5))
                .isCloseTo(1 - poisson.cumulativeProbability(14), within(1e-12));
        // Integer r: the Pascal distribution (failures before the r-th success) of mean r(1-p)/p.
        PascalDistribution pascal = new PascalDistribution(4, 0.4);
        double mean = 4 * 0.6 / 0.4;
        double variance = mean / 0.4;
        assertThat(BreakoutDetector.negativeBinomialAtLeast(12, mean, variance))
                .isCloseTo(1 - pascal.cumulativeProbability(11), within(1e-12));
        BinomialDistribution binomial = new BinomialDistribution(40, 0.05);
        assertThat(BreakoutDetector.binomialAtLeast(6, 40, 0.05))
                .isCloseTo(1 - binomial.cumulativeProbability(5), within(1e-12));
        assertThat(BreakoutDetector.negativeBinomialAtLeast(0, 3, 5)).isEqualTo(1);
    }

    @Test
    void bucketsOfTheSameHourOfTheWeekFollowLocalTimeAcrossADaylightSavingChange() {
        // Monday 2 November 2026 09:15 in Tallinn (UTC+2); four weeks before, 5 October was in summer time (UTC+3).
        Instant bucket = ZonedDateTime.of(2026, 11, 2, 9, 15, 0, 0, TALLINN).toInstant();
        List<Instant> samples = Buckets.sameHourOfWeek(bucket, TALLINN, 4);
        assertThat(samples).hasSize(16);
        assertThat(samples.get(0)).isEqualTo(Instant.parse("2026-10-05T06:00:00Z"));
        assertThat(samples.get(15)).isEqualTo(Instant.parse("2026-10-26T07:45:00Z"));
        assertThat(Buckets.start(Instant.parse("2026-11-02T07:29:59Z"))).isEqualTo(Instant.parse("2026-11-02T07:15:00Z"));
    }
}
