package io.kogu.metrics.report;

import io.kogu.metrics.api.model.BestTimeHeatmap;
import io.kogu.metrics.api.model.HeatmapSlot;
import io.kogu.metrics.api.model.SeriesBucket;
import io.kogu.metrics.api.model.TimeSeries;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Hand-written SVG charts for dashboards and e-mails: a bar chart of a time series, the best-time heatmap. */
public final class Svg {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private Svg() {
    }

    public static String timeSeries(TimeSeries series) {
        List<SeriesBucket> buckets = series.getBuckets();
        int width = 800;
        int height = 300;
        int left = 60;
        int bottom = 40;
        int top = 30;
        double plotWidth = width - left - 20.0;
        double plotHeight = height - bottom - top;
        long max = Math.max(1, buckets.stream().mapToLong(SeriesBucket::getEngagements).max().orElse(1));
        StringBuilder svg = open(width, height, "Engagements per " + series.getInterval() + " (" + series.getTimeZone() + ")");
        svg.append(text(left, 20, "Engagements per " + series.getInterval() + " (" + series.getTimeZone() + ")", 14, "start"));
        svg.append(line(left, top, left, top + plotHeight)).append(line(left, top + plotHeight, left + plotWidth, top + plotHeight));
        svg.append(text(left - 6, top + 4, Long.toString(max), 10, "end"));
        svg.append(text(left - 6, top + plotHeight, "0", 10, "end"));
        double barWidth = plotWidth / Math.max(1, buckets.size());
        DateTimeFormatter label = "hour".equals(series.getInterval().toString())
                ? DateTimeFormatter.ofPattern("dd.MM HH:mm", Locale.ROOT) : DateTimeFormatter.ofPattern("dd.MM", Locale.ROOT);
        int labelEvery = Math.max(1, buckets.size() / 10);
        for (int i = 0; i < buckets.size(); i++) {
            SeriesBucket bucket = buckets.get(i);
            double barHeight = plotHeight * Math.max(0, bucket.getEngagements()) / max;
            double x = left + i * barWidth;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b82f6\"><title>%s: %d</title></rect>%n",
                    x + 1, top + plotHeight - barHeight, Math.max(1, barWidth - 2), barHeight,
                    escape(bucket.getStart().toString()), bucket.getEngagements()));
            if (i % labelEvery == 0) {
                svg.append(text(x + barWidth / 2, top + plotHeight + 16, bucket.getStart().format(label), 10, "middle"));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    public static String heatmap(BestTimeHeatmap heatmap) {
        int perDay = 1440 / heatmap.getResolutionMinutes();
        double cell = perDay > 24 ? 8 : 28;
        int left = 50;
        int top = 40;
        int width = (int) (left + perDay * cell + 20);
        int height = (int) (top + 7 * cell + 40);
        String title = "Best time to post (" + heatmap.getTimeZone() + ", basis " + heatmap.getBasis() + ")";
        StringBuilder svg = open(width, height, title);
        svg.append(text(left, 20, title, 14, "start"));
        double max = heatmap.getSlots().stream().mapToDouble(HeatmapSlot::getExpectedEngagements).max().orElse(1);
        double min = heatmap.getSlots().stream().mapToDouble(HeatmapSlot::getExpectedEngagements).min().orElse(0);
        double range = max - min <= 0 ? 1 : max - min;
        for (int day = 0; day < 7; day++) {
            svg.append(text(left - 6, top + day * cell + cell * 0.7, DAYS[day], 11, "end"));
        }
        for (int hour = 0; hour < 24; hour += perDay > 24 ? 3 : 2) {
            double x = left + hour * (perDay / 24.0) * cell;
            svg.append(text(x + 2, top + 7 * cell + 14, String.format(Locale.ROOT, "%02d", hour), 10, "start"));
        }
        for (HeatmapSlot slot : heatmap.getSlots()) {
            double intensity = (slot.getExpectedEngagements() - min) / range;
            int red = (int) Math.round(239 - intensity * (239 - 29));
            int green = (int) Math.round(246 - intensity * (246 - 78));
            int blue = (int) Math.round(255 - intensity * (255 - 216));
            double x = left + (slot.getStartMinute() / (double) heatmap.getResolutionMinutes()) * cell;
            double y = top + (slot.getDayOfWeek() - 1) * cell;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"rgb(%d,%d,%d)\" fill-opacity=\"%.2f\">"
                            + "<title>%s %02d:%02d: %.1f (%d posts, confidence %.2f)</title></rect>%n",
                    x, y, cell - 1, cell - 1, red, green, blue, 0.35 + 0.65 * slot.getConfidence(),
                    DAYS[slot.getDayOfWeek() - 1], slot.getStartMinute() / 60, slot.getStartMinute() % 60,
                    slot.getExpectedEngagements(), slot.getPosts(), slot.getConfidence()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" role=\"img\" aria-label=\"%s\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height, escape(title)));
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>%n",
                x1, y1, x2, y2);
    }

    private static String text(double x, double y, String content, int size, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
