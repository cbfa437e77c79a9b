package io.kogu.metrics.alert;

import org.apache.commons.math3.random.MersenneTwister;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a rule over generated traffic the way the evaluator runs it in production (the same {@link RuleEvaluator}),
 * once at the end of every bucket, and answers the buckets whose evaluation raised an alert.
 */
final class Simulation {

    private static final int MINUTES = (int) Buckets.LENGTH.toMinutes();

    private Simulation() {
    }

    static List<Integer> raised(SeasonalTraffic traffic, RuleSettings settings, int fromBucket, int toBucket) {
        List<Integer> raised = new ArrayList<>();
        Instant lastRaised = null;
        for (int i = fromBucket; i < toBucket; i++) {
            Instant now = traffic.at(i).plus(Buckets.LENGTH).minusSeconds(1);
            Decision decision = RuleEvaluator.evaluate(settings, now,
                    start -> traffic.observation(start, settings.metric()), traffic.start, lastRaised);
            if (decision.raise()) {
                raised.add(i);
                lastRaised = now;
            }
        }
        return raised;
    }

    /**
     * Like production, which evaluates every minute while the current bucket fills: items of a bucket arrive at
     * random moments within it (each one's minute drawn with {@code seed}), and the rule is evaluated at the end of
     * every minute. Answers the minutes (from the start of {@code fromBucket}) at which alerts were raised.
     */
    static List<Integer> raisedEveryMinute(SeasonalTraffic traffic, RuleSettings settings, int fromBucket,
                                           int toBucket, long seed) {
        MersenneTwister random = new MersenneTwister(seed);
        List<Integer> raised = new ArrayList<>();
        Instant lastRaised = null;
        for (int i = fromBucket; i < toBucket; i++) {
            int[] itemsBy = new int[MINUTES];
            int[] spamBy = new int[MINUTES];
            for (long k = 0; k < traffic.items[i]; k++) {
                itemsBy[random.nextInt(MINUTES)]++;
            }
            for (long k = 0; k < traffic.spam[i]; k++) {
                spamBy[random.nextInt(MINUTES)]++;
            }
            Instant bucket = traffic.at(i);
            long items = 0;
            long spam = 0;
            for (int minute = 0; minute < MINUTES; minute++) {
                items += itemsBy[minute];
                spam += spamBy[minute];
                long itemsSoFar = items;
                long spamSoFar = Math.min(spam, items);
                Instant now = bucket.plus(Duration.ofMinutes(minute + 1)).minusSeconds(1);
                Decision decision = RuleEvaluator.evaluate(settings, now, start -> start.equals(bucket)
                        ? (settings.metric() == Metric.SPAM_SHARE ? new Observation(spamSoFar, itemsSoFar)
                        : Observation.of(itemsSoFar)) : traffic.observation(start, settings.metric()),
                        traffic.start, lastRaised);
                if (decision.raise()) {
                    raised.add((i - fromBucket) * MINUTES + minute + 1);
                    lastRaised = now;
                }
            }
        }
        return raised;
    }

    static RuleSettings defaults(Metric metric, ZoneId zone) {
        return new RuleSettings(metric, 10, 2, Duration.ofHours(1), 4, zone);
    }
}
