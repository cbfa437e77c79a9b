package io.kogu.metrics.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One evaluation of an alert rule at {@code now}, the same in production ({@code AlertEvaluation} reads the buckets
 * from the database) and in the model card's simulations: the current bucket — still filling, which is safe because a
 * count only grows: a partial count that already breaks out will break out at the bucket's end — and the
 * {@code persistence − 1} buckets before it must all break out against their own hour-of-week baselines (or the
 * current one alone, when it is {@linkplain Verdict#extreme() extremely} far out); then an alert is raised unless the rule raised one less than its cool-down ago.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /** Every bucket start whose observation {@link #evaluate} reads, so that a caller can load them in one go. */
    public static Set<Instant> bucketsNeeded(RuleSettings settings, Instant now) {
        Set<Instant> starts = new LinkedHashSet<>();
        Instant current = Buckets.start(now);
        for (int back = 0; back < settings.persistence(); back++) {
            Instant bucket = Buckets.before(current, back);
            starts.add(bucket);
            starts.addAll(Buckets.sameHourOfWeek(bucket, settings.zone(), settings.baselineWeeks()));
        }
        return starts;
    }

    /**
     * @param counts       the observation of each bucket start (absent buckets: {@link Observation#NONE})
     * @param since        when counting began for this rule's scope: baseline buckets before it are not history
     * @param lastRaisedAt when the rule last raised an alert, or null
     */
    public static Decision evaluate(RuleSettings settings, Instant now, Function<Instant, Observation> counts,
                                    Instant since, Instant lastRaisedAt) {
        Instant current = Buckets.start(now);
        Verdict latest = null;
        boolean all = true;
        for (int back = 0; back < settings.persistence(); back++) {
            Instant bucket = Buckets.before(current, back);
            Verdict verdict = judge(settings, bucket, counts, since);
            if (back == 0) {
                latest = verdict;
                if (verdict.extreme()) {
                    break;
                }
            }
            all &= verdict.breaking();
            if (!all) {
                break;
            }
        }
        boolean coolingDown = lastRaisedAt != null && now.isBefore(lastRaisedAt.plus(settings.cooldown()));
        return new Decision(all && !coolingDown, latest.breaking(), coolingDown, current, latest);
    }

    private static Verdict judge(RuleSettings settings, Instant bucket, Function<Instant, Observation> counts,
                                 Instant since) {
        List<List<Observation>> samples = new ArrayList<>();
        List<Instant> starts = Buckets.sameHourOfWeek(bucket, settings.zone(), settings.baselineWeeks());
        for (int week = 0; week < settings.baselineWeeks(); week++) {
            List<Observation> samplesOfWeek = new ArrayList<>(Buckets.PER_HOUR);
            for (Instant sample : starts.subList(week * Buckets.PER_HOUR, (week + 1) * Buckets.PER_HOUR)) {
                // A week counts only when all of its hour was counted: before that there is no history, not silence.
                if (since == null || sample.isBefore(since)) {
                    samplesOfWeek.clear();
                    break;
                }
                samplesOfWeek.add(counts.apply(sample));
            }
            if (!samplesOfWeek.isEmpty()) {
                samples.add(samplesOfWeek);
            }
        }
        Observation observed = counts.apply(bucket);
        return settings.metric() == Metric.SPAM_SHARE
                ? BreakoutDetector.share(observed, samples, settings.minCount())
                : BreakoutDetector.volume(observed, samples, settings.minCount());
    }
}
