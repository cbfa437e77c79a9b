package io.kogu.metrics.analytics;

import io.kogu.metrics.api.model.EngagementRate;
import io.kogu.metrics.api.model.RateBasis;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What counts as engagement and how its rate is computed (docs/engagement-rates.md):
 * engagements = Σ counts of {@link #TYPES}; rate = engagements / impressions, / reach or / followers.
 */
public final class Engagement {

    /** Interactions a person chose to make; impressions, reach and views are exposure, follows are audience. */
    public static final Set<String> TYPES = Set.of("like", "favorite", "plus_one", "reaction", "comment", "share",
            "repost", "quote", "save", "click");

    private Engagement() {
    }

    public static long engagements(Map<String, Long> totals) {
        long sum = 0;
        for (Map.Entry<String, Long> total : totals.entrySet()) {
            if (TYPES.contains(total.getKey())) {
                sum += total.getValue();
            }
        }
        return sum;
    }

    /**
     * The rate on the requested basis, or when none is requested the first basis with a denominator among
     * impressions, reach, followers.
     *
     * @param followers the followers behind the posts (null when no publication said)
     */
    public static EngagementRate rate(RateBasis requested, long engagements, Map<String, Long> totals, Long followers) {
        RateBasis basis = requested;
        if (basis == null) {
            basis = List.of(RateBasis.IMPRESSIONS, RateBasis.REACH, RateBasis.FOLLOWERS).stream()
                    .filter(candidate -> denominator(candidate, totals, followers) > 0)
                    .findFirst().orElse(RateBasis.IMPRESSIONS);
        }
        long denominator = denominator(basis, totals, followers);
        return new EngagementRate().basis(basis).denominator(denominator)
                .value(denominator > 0 ? (double) engagements / denominator : null);
    }

    private static long denominator(RateBasis basis, Map<String, Long> totals, Long followers) {
        return switch (basis) {
            case IMPRESSIONS -> Math.max(0, totals.getOrDefault("impression", 0L));
            case REACH -> Math.max(0, totals.getOrDefault("reach", 0L));
            case FOLLOWERS -> followers == null ? 0 : followers;
        };
    }
}
