package io.kogu.metrics.alert;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

import java.util.List;

/**
 * Does one bucket break out of its usual level? A pure function of the bucket and its baseline samples (the same
 * hour of the week in the weeks before, see {@link Buckets#sameHourOfWeek}); docs/alerts-model.md is its model card.
 *
 * <p>Volumes (items, mentions, comments, waiting conversations): the samples' mean μ is the bucket's usual level;
 * the count is compared with a negative binomial of mean μ and the variance of {@link #spread} — at least Poisson,
 * wider when the weeks differ from one another (ordinary days do), and wider still for what a few weeks cannot
 * know about μ. Spam share: the bucket's spam count among its
 * items against a binomial with the samples' pooled share (with one pseudo-item each way, so a clean history does
 * not make a single spam item "impossible").
 *
 * <p>The bucket breaks out when its upper-tail probability is below {@link #SIGNIFICANCE}, its count reaches the
 * rule's minimum, and it is at least {@link #MIN_RATIO} times the expected level — so that a large, steady scope does
 * not alert on a few percent more than usual however "significant" that is.
 */
public final class BreakoutDetector {

    /** Upper-tail probability below which a bucket is out of the ordinary (persistence makes a rule stricter). */
    public static final double SIGNIFICANCE = 0.005;
    /**
     * Upper-tail probability below which one bucket is enough: a breakout this far out needs no persistence (a burst
     * of hundreds of items in minutes should not wait for the next bucket).
     */
    public static final double EXTREME = 1e-6;
    /** A bucket must be at least this many times its expected level (or share) to break out. */
    public static final double MIN_RATIO = 2.0;
    /** The expected level of a scope whose baseline is empty: silence is usual, the minimum count decides. */
    static final double FLOOR = 0.1;

    private BreakoutDetector() {
    }

    /**
     * Judges {@code observed} against {@code weeks}, the samples of each past week (the buckets of the same hour of
     * the week, oldest week first), for a volume metric.
     */
    public static Verdict volume(Observation observed, List<List<Observation>> weeks, int minCount) {
        int n = 0;
        double sum = 0;
        for (List<Observation> week : weeks) {
            for (Observation sample : week) {
                sum += sample.count();
                n++;
            }
        }
        if (n == 0) {
            return Verdict.quiet(observed, 0, 1, 0);
        }
        double mean = sum / n;
        double expected = Math.max(mean, FLOOR);
        double spread = spread(weeks, expected);
        long x = observed.count();
        double tail = negativeBinomialAtLeast(x, expected, spread);
        boolean breaking = x >= minCount && x >= MIN_RATIO * expected && tail < SIGNIFICANCE;
        return new Verdict(breaking, observed, mean, tail, n);
    }

    /**
     * The variance to expect of a new bucket: the spread of buckets within an hour (at least Poisson: the mean) plus
     * the spread between the weeks' hourly means — a whole day can be busier than usual, so buckets of one day are
     * not independent samples — counted {@code 1 + 1/weeks} times for what a few weeks cannot tell about the mean.
     */
    static double spread(List<List<Observation>> weeks, double mean) {
        double within = 0;
        int withinFree = 0;
        double between = 0;
        int counted = 0;
        for (List<Observation> week : weeks) {
            if (week.isEmpty()) {
                continue;
            }
            double weekSum = 0;
            for (Observation sample : week) {
                weekSum += sample.count();
            }
            double weekMean = weekSum / week.size();
            for (Observation sample : week) {
                within += (sample.count() - weekMean) * (sample.count() - weekMean);
            }
            withinFree += week.size() - 1;
            between += (weekMean - mean) * (weekMean - mean);
            counted++;
        }
        double withinVariance = Math.max(withinFree > 0 ? within / withinFree : mean, mean);
        double betweenVariance = counted > 1 ? between / (counted - 1) : 0;
        return (withinVariance + betweenVariance) * (1 + 1.0 / counted);
    }

    /** Judges the spam share of {@code observed} (spam {@code count} of {@code total} items) against {@code samples}. */
    public static Verdict share(Observation observed, List<List<Observation>> weeks, int minCount) {
        int n = 0;
        long spam = 0;
        long items = 0;
        for (List<Observation> week : weeks) {
            for (Observation sample : week) {
                spam += sample.count();
                items += sample.total();
                n++;
            }
        }
        if (n == 0) {
            return Verdict.quiet(observed, 0, 1, 0);
        }
        double usual = (spam + 1.0) / (items + 2.0);
        long x = observed.count();
        long total = Math.max(observed.total(), x);
        double tail = binomialAtLeast(x, total, usual);
        boolean breaking = x >= minCount && observed.share() >= MIN_RATIO * usual && tail < SIGNIFICANCE;
        return new Verdict(breaking, observed, (double) spam / Math.max(items, 1), tail, n);
    }

    /** P(X ≥ x) for a negative binomial of this mean and variance (Poisson when the variance is the mean). */
    static double negativeBinomialAtLeast(long x, double mean, double variance) {
        if (x <= 0) {
            return 1;
        }
        if (variance <= mean * (1 + 1e-9)) {
            return Gamma.regularizedGammaP(x, mean);
        }
        // r successes, success probability p: mean r(1-p)/p, variance mean/p; P(X ≥ x) = I_{1-p}(x, r).
        double r = mean * mean / (variance - mean);
        double p = r / (r + mean);
        return Beta.regularizedBeta(1 - p, x, r);
    }

    /** P(X ≥ x) for a binomial of n trials and success probability p: I_p(x, n − x + 1). */
    static double binomialAtLeast(long x, long n, double p) {
        if (x <= 0) {
            return 1;
        }
        if (x > n) {
            return 0;
        }
        return Beta.regularizedBeta(p, x, n - x + 1.0);
    }
}
