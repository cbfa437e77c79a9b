package io.kogu.metrics.chart;

import io.kogu.metrics.api.model.SeriesBucket;
import io.kogu.metrics.api.model.SeriesInterval;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A time series as charts draw it: bucket starts in the zone, the engagements and totals by type per bucket, the
 * previous period's engagements aligned bucket by bucket (or null), and the index of the bucket that is still
 * counting (-1 when every bucket is over).
 */
public record SeriesData(SeriesInterval interval, String zoneName, List<ZonedDateTime> starts, long[] current,
                         List<Map<String, Long>> totals, long[] previous, int partial) {

    public static SeriesData of(SeriesInterval interval, String zoneName, List<SeriesBucket> buckets,
                                List<SeriesBucket> previousBuckets, Instant now) {
        ZoneId zone = io.kogu.metrics.analytics.Zones.parse(zoneName);
        List<ZonedDateTime> starts = new ArrayList<>(buckets.size());
        long[] current = new long[buckets.size()];
        List<Map<String, Long>> totals = new ArrayList<>(buckets.size());
        int partial = -1;
        for (int i = 0; i < buckets.size(); i++) {
            SeriesBucket bucket = buckets.get(i);
            starts.add(bucket.getStart().atZoneSameInstant(zone));
            current[i] = bucket.getEngagements();
            totals.add(bucket.getTotals());
            if (partial < 0 && bucket.getEnd().toInstant().isAfter(now) && !bucket.getStart().toInstant().isAfter(now)) {
                partial = i;
            }
        }
        long[] previous = null;
        if (previousBuckets != null) {
            previous = new long[Math.min(buckets.size(), previousBuckets.size())];
            for (int i = 0; i < previous.length; i++) {
                previous[i] = previousBuckets.get(i).getEngagements();
            }
        }
        // Buckets that start after now have nothing yet: the series ends at the partial bucket.
        return new SeriesData(interval, zoneName, starts, current, totals, previous, partial);
    }

    public int size() {
        return starts.size();
    }

    /** How many buckets have started (all but those after the partial one). */
    public int started() {
        return partial < 0 ? starts.size() : partial + 1;
    }
}
