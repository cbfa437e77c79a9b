package io.kogu.metrics.alert;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Generated inbox traffic with the seasons a brand's inbox has (seeded: the same seed gives the same counts), per
 * 15-minute bucket in {@code zone}: quiet nights, a lunch and an evening peak, quieter weekends, and ordinary days
 * that differ from one another (each day's level is the usual one times a Gamma factor of mean 1 and standard
 * deviation {@code dayNoise}); counts are Poisson around that. Spam is a binomial share of the items around
 * {@code spamShare}, itself varying from day to day. A spike multiplies the level of some buckets.
 */
final class SeasonalTraffic {

    final Instant start;
    final int buckets;
    final long[] items;
    final long[] spam;

    /**
     * @param level     the mean count per bucket over a whole ordinary week
     * @param dayNoise  the standard deviation of a day's level relative to the usual (0.2: ±20 %)
     * @param spamShare the usual share of spam among items
     */
    SeasonalTraffic(long seed, Instant start, int days, ZoneId zone, double level, double dayNoise, double spamShare) {
        this.start = Buckets.start(start);
        this.buckets = days * 96;
        this.items = new long[buckets];
        this.spam = new long[buckets];
        RandomGenerator random = new MersenneTwister(seed);
        double shape = 1 / (dayNoise * dayNoise);
        GammaDistribution day = new GammaDistribution(random, shape, 1 / shape);
        Map<LocalDate, Double> dayFactors = new HashMap<>();
        double weekly = weeklyMean(zone);
        for (int i = 0; i < buckets; i++) {
            ZonedDateTime local = at(i).atZone(zone);
            double factor = dayFactors.computeIfAbsent(local.toLocalDate(), d -> day.sample());
            double mean = level * factor * profile(local) / weekly;
            items[i] = mean <= 0 ? 0 : new PoissonDistribution(random, mean, 1e-12, 10_000_000).sample();
            double share = Math.min(0.9, spamShare * factor);
            long s = 0;
            for (long k = 0; k < items[i]; k++) {
                if (random.nextDouble() < share) {
                    s++;
                }
            }
            spam[i] = s;
        }
    }

    Instant at(int bucket) {
        return start.plus(Buckets.LENGTH.multipliedBy(bucket));
    }

    int index(Instant bucketStart) {
        return (int) ((bucketStart.getEpochSecond() - start.getEpochSecond()) / Buckets.LENGTH.toSeconds());
    }

    /** Multiplies the items of {@code length} buckets from {@code from} by {@code factor} (spam keeps its share). */
    void spike(int from, int length, double factor, long spikeSeed) {
        RandomGenerator random = new MersenneTwister(spikeSeed);
        for (int i = from; i < Math.min(buckets, from + length); i++) {
            double extra = items[i] * (factor - 1);
            long added = extra <= 0 ? 0 : new PoissonDistribution(random, extra, 1e-12, 10_000_000).sample();
            double share = items[i] == 0 ? 0 : (double) spam[i] / items[i];
            items[i] += added;
            spam[i] += Math.round(added * share);
        }
    }

    Observation observation(Instant bucketStart, Metric metric) {
        int i = index(bucketStart);
        if (i < 0 || i >= buckets) {
            return Observation.NONE;
        }
        return metric == Metric.SPAM_SHARE ? new Observation(spam[i], items[i]) : Observation.of(items[i]);
    }

    /** The usual level at a local time, relative: nights at 0.15, lunch and evening peaks, weekends lower. */
    static double profile(ZonedDateTime local) {
        double hour = local.getHour() + local.getMinute() / 60.0;
        double shape = 0.15 + 1.1 * bump(hour, 12.5, 2.0) + 1.4 * bump(hour, 20.5, 2.2) + 0.6 * bump(hour, 9, 1.5);
        DayOfWeek day = local.getDayOfWeek();
        double weekday = day == DayOfWeek.SATURDAY ? 0.8 : day == DayOfWeek.SUNDAY ? 0.7 : 1.0;
        return shape * weekday;
    }

    private static double bump(double hour, double centre, double width) {
        double d = hour - centre;
        return Math.exp(-d * d / (2 * width * width));
    }

    /** The mean of {@link #profile} over a week, so that {@code level} is the weekly mean per bucket. */
    private static double weeklyMean(ZoneId zone) {
        ZonedDateTime monday = ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, zone);
        double sum = 0;
        for (int i = 0; i < 7 * 96; i++) {
            sum += profile(monday.plusMinutes(15L * i));
        }
        return sum / (7 * 96);
    }
}
