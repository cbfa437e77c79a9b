package io.kogu.metrics.chart;

import io.kogu.metrics.api.model.BestTimeBasis;
import io.kogu.metrics.api.model.BestTimeHeatmap;
import io.kogu.metrics.api.model.HeatmapSlot;
import io.kogu.metrics.api.model.RecommendedSlot;
import io.kogu.metrics.api.model.SeriesBucket;
import io.kogu.metrics.api.model.SeriesInterval;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fixed chart data: the same every run (no random, no clock), so that the pictures can be compared byte by byte. */
final class ChartData {

    static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    /** "Now" of the fixtures: 28 October 2026, 15:00 in Tallinn, a few days after the end of summer time. */
    static final Instant NOW = ZonedDateTime.of(2026, 10, 28, 15, 0, 0, 0, TALLINN).toInstant();

    private ChartData() {
    }

    /** October 2026 by day in Tallinn (25 October has 25 hours), the 28th still counting, with September before. */
    static SeriesData october() {
        return SeriesData.of(SeriesInterval.DAY, "Europe/Tallinn", days(2026, 10, 31, 0), days(2026, 9, 31, 7), NOW);
    }

    static SeriesData hours() {
        List<SeriesBucket> buckets = new ArrayList<>();
        ZonedDateTime start = ZonedDateTime.of(2026, 10, 27, 0, 0, 0, 0, TALLINN);
        for (int i = 0; i < 48; i++) {
            ZonedDateTime s = start.plusHours(i);
            int hour = s.getHour();
            long likes = hour < 7 ? (i % 3) : Math.round(40 + 30 * Math.sin((hour - 7) / 16.0 * Math.PI));
            buckets.add(bucket(s, s.plusHours(1), Map.of("like", likes, "comment", likes / 6)));
        }
        return SeriesData.of(SeriesInterval.HOUR, "Europe/Tallinn", buckets, null, NOW);
    }

    private static List<SeriesBucket> days(int year, int month, int count, int seed) {
        List<SeriesBucket> buckets = new ArrayList<>();
        ZonedDateTime start = ZonedDateTime.of(year, month, 1, 0, 0, 0, 0, TALLINN);
        for (int i = 0; i < count; i++) {
            ZonedDateTime s = start.plusDays(i);
            int weekday = s.getDayOfWeek().getValue();
            long base = 120 + 9L * ((i * 7 + seed) % 11) + (weekday >= 6 ? -60 : 0) + i * 3L;
            Map<String, Long> totals = new TreeMap<>();
            totals.put("like", base);
            totals.put("comment", base / 5);
            totals.put("share", base / 8);
            totals.put("reaction", base / 10);
            totals.put("save", base / 25);
            totals.put("click", base / 12);
            totals.put("quote", (long) (i % 3));
            totals.put("repost", (long) (i % 4));
            totals.put("impression", base * 40);
            if (s.toLocalDate().getMonthValue() == 10 && s.getDayOfMonth() == 28) {
                totals.replaceAll((type, value) -> value / 2);
            }
            if (s.getMonthValue() == 10 && s.getDayOfMonth() > 28) {
                totals.clear();
            }
            buckets.add(bucket(s, s.plusDays(1), totals));
        }
        return buckets;
    }

    private static SeriesBucket bucket(ZonedDateTime start, ZonedDateTime end, Map<String, Long> totals) {
        long engagements = io.kogu.metrics.analytics.Engagement.engagements(totals);
        return new SeriesBucket().start(start.toOffsetDateTime()).end(end.toOffsetDateTime())
                .hours((int) java.time.Duration.between(start, end).toHours()).engagements(engagements)
                .totals(new TreeMap<>(totals));
    }

    /** A channel's heatmap from history: busy weekday mornings and evenings, nights without posts. */
    static BestTimeHeatmap heatmap() {
        List<HeatmapSlot> slots = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                boolean night = hour < 6 || hour == 23;
                int posts = night ? 0 : 1 + ((day * 5 + hour * 3) % 6);
                double morning = Math.exp(-Math.pow(hour - 9, 2) / 6.0) * 30;
                double evening = Math.exp(-Math.pow(hour - 19, 2) / 5.0) * (day >= 6 ? 34 : 22);
                double value = night ? 18.4 : 10 + morning + evening + (day <= 5 ? 4 : 0) + ((day + hour) % 4);
                slots.add(new HeatmapSlot().dayOfWeek(day).startMinute(hour * 60)
                        .expectedEngagements(Math.round(value * 10) / 10.0).posts(posts)
                        .confidence(posts / (posts + 5.0)));
            }
        }
        return new BestTimeHeatmap().timeZone("Europe/Tallinn").basis(BestTimeBasis.HISTORY).resolutionMinutes(60)
                .weeks(16).posts(412).channelMean(18.4).shrinkage(5.0).slots(slots);
    }

    static List<RecommendedSlot> recommended() {
        return List.of(slot(2026, 10, 31, 19), slot(2026, 11, 1, 19), slot(2026, 10, 29, 9));
    }

    private static RecommendedSlot slot(int year, int month, int day, int hour) {
        ZonedDateTime start = ZonedDateTime.of(year, month, day, hour, 0, 0, 0, TALLINN);
        return new RecommendedSlot().start(start.toOffsetDateTime()).end(start.plusHours(1).toOffsetDateTime())
                .expectedEngagements(50.0).confidence(0.5);
    }
}
