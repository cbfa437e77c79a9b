package io.kogu.metrics.alert;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The detection settings of one alert rule: the metric, the minimum count of a bucket that may alert, how many
 * buckets in a row must break out ({@code persistence}), how long after an alert the rule stays silent
 * ({@code cooldown}), how many past weeks make the baseline, and the zone whose hours of the week are compared.
 */
public record RuleSettings(Metric metric, int minCount, int persistence, Duration cooldown, int baselineWeeks,
                           ZoneId zone) {
}
