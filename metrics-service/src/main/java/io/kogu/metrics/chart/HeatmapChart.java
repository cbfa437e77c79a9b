package io.kogu.metrics.chart;

import io.kogu.metrics.api.model.BestTimeBasis;
import io.kogu.metrics.api.model.BestTimeHeatmap;
import io.kogu.metrics.api.model.HeatmapSlot;
import io.kogu.metrics.api.model.RecommendedSlot;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 7 × 24 (or 7 × 96) best-time heatmap: one row per weekday, one column per slot, coloured on a six-step
 * viridis scale with its legend, each hourly cell carrying its value. Slots without posts of their own (their value
 * is the channel average the model shrinks to) are hatched grey instead of coloured; the recommended slots get a
 * thick frame and their rank, and are listed in words under the legend.
 */
public final class HeatmapChart {

    static final double LEFT = 64;
    static final double TOP = 84;
    static final double GRID_WIDTH = 720;
    static final double ROW = 30;
    static final double WIDTH = LEFT + GRID_WIDTH + 24;
    static final int CLASSES = Palette.SEQUENTIAL.length;

    private HeatmapChart() {
    }

    public static String render(Texts t, String id, String filterLine, BestTimeHeatmap heatmap,
                                List<RecommendedSlot> recommended) {
        int perDay = 1440 / heatmap.getResolutionMinutes();
        double cell = GRID_WIDTH / perDay;
        ZoneId zone = io.kogu.metrics.analytics.Zones.parse(heatmap.getTimeZone());
        boolean history = heatmap.getBasis() == BestTimeBasis.HISTORY;

        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        HeatmapSlot best = null;
        for (HeatmapSlot slot : heatmap.getSlots()) {
            if (history && slot.getPosts() == 0) {
                continue;
            }
            min = Math.min(min, slot.getExpectedEngagements());
            max = Math.max(max, slot.getExpectedEngagements());
            if (best == null || slot.getExpectedEngagements() > best.getExpectedEngagements()) {
                best = slot;
            }
        }
        boolean anyColoured = best != null;
        if (!anyColoured) {
            min = 0;
            max = 1;
        }
        // The legend tells the classes apart (a decimal when the range is narrow); a cell holds at most four
        // characters (no decimal from 100 up).
        int digits = max - min < 10 ? 1 : 0;
        int cellDigits = max >= 100 ? 0 : digits;

        // Recommended slots: rank by (day, slot) in the zone.
        Map<Integer, Integer> ranks = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < recommended.size(); i++) {
            ZonedDateTime start = recommended.get(i).getStart().atZoneSameInstant(zone);
            int key = (start.getDayOfWeek().getValue() - 1) * perDay
                    + (start.getHour() * 60 + start.getMinute()) / heatmap.getResolutionMinutes();
            ranks.putIfAbsent(key, i + 1);
            words.add((i + 1) + ". " + t.dayShort(start.getDayOfWeek()) + " " + t.dayMonth(start.toLocalDate()) + " "
                    + t.time(start.toLocalTime()));
        }

        String title = t.t("chart.heatmap.title");
        String basis = t.t("chart.heatmap.basis." + heatmap.getBasis(), t.integer(heatmap.getPosts()), heatmap.getWeeks());
        String desc = anyColoured
                ? t.t("chart.desc.heatmap", title, heatmap.getTimeZone(), basis, t.decimal(max, digits),
                t.dayLong(DayOfWeek.of(best.getDayOfWeek())), t.time(LocalTime.ofSecondOfDay(best.getStartMinute() * 60L)),
                t.decimal(min, digits))
                : title + " (" + heatmap.getTimeZone() + "): " + basis + ".";
        if (!words.isEmpty()) {
            desc += " " + t.t("chart.heatmap.recommended", String.join(", ", words)) + ".";
        }
        double gridBottom = TOP + 7 * ROW;
        double height = gridBottom + 120 + (words.isEmpty() ? 0 : 22)
                + (heatmap.getBasis() == BestTimeBasis.HISTORY ? 22 : 0);
        SvgDoc svg = new SvgDoc(id, WIDTH, height, title + " — " + filterLine, desc);
        svg.hatch("nodata", "#f2f2f2", "#c4c4c4");
        svg.text(12, 28, title, 17, "start", SvgDoc.INK, "bold");
        svg.text(12, 48, filterLine, 12.5, "start", SvgDoc.MUTED, null);
        svg.text(12, 66, basis, 12.5, "start", SvgDoc.MUTED, null);

        for (int day = 1; day <= 7; day++) {
            svg.text(LEFT - 10, TOP + (day - 1) * ROW + ROW / 2 + 4, t.dayShort(DayOfWeek.of(day)), 12, "end",
                    SvgDoc.INK, null);
        }
        for (HeatmapSlot slot : heatmap.getSlots()) {
            int index = slot.getStartMinute() / heatmap.getResolutionMinutes();
            double x = LEFT + index * cell;
            double y = TOP + (slot.getDayOfWeek() - 1) * ROW;
            String when = t.dayShort(DayOfWeek.of(slot.getDayOfWeek())) + " "
                    + t.time(LocalTime.ofSecondOfDay(slot.getStartMinute() * 60L));
            String value = t.decimal(slot.getExpectedEngagements(), cellDigits);
            boolean noData = history && slot.getPosts() == 0;
            if (noData) {
                svg.rectWithTip(x, y, cell, ROW, svg.ref("nodata"), "stroke=\"#ffffff\" stroke-width=\"1\"",
                        when + ": " + value + " — " + t.t("legend.noData"));
                continue;
            }
            int level = level(slot.getExpectedEngagements(), min, max);
            svg.rectWithTip(x, y, cell, ROW, Palette.SEQUENTIAL[level], "stroke=\"#ffffff\" stroke-width=\"1\"",
                    when + ": " + value + " (" + slot.getPosts() + ")");
            if (perDay <= 24) {
                boolean ranked = ranks.containsKey((slot.getDayOfWeek() - 1) * perDay + index);
                svg.text(ranked ? x + cell / 2 - 4 : x + cell / 2, ranked ? y + ROW - 5.5 : y + ROW / 2 + 3.5, value, 9.5,
                        "middle", Palette.ON_SEQUENTIAL[level], null);
            }
        }
        // Recommended slots on top: a thick frame and the rank in a white badge.
        for (Map.Entry<Integer, Integer> rank : ranks.entrySet()) {
            int day = rank.getKey() / perDay;
            int index = rank.getKey() % perDay;
            double x = LEFT + index * cell;
            double y = TOP + day * ROW;
            svg.rect(x + 1.5, y + 1.5, cell - 3, ROW - 3, "none", "stroke=\"#000000\" stroke-width=\"3\"");
            svg.circle(x + cell - 8, y + 8.5, 6, "#ffffff", "#000000", null);
            svg.text(x + cell - 8, y + 11.5, Integer.toString(rank.getValue()), 8.5, "middle", "#000000", "bold");
        }
        for (int hour = 0; hour < 24; hour += 2) {
            double x = LEFT + hour * (perDay / 24.0) * cell;
            svg.line(x, gridBottom, x, gridBottom + 4, "#333333", 1, null);
            svg.text(x, gridBottom + 16, String.format(java.util.Locale.ROOT, "%02d", hour), 11, "middle",
                    SvgDoc.MUTED, null);
        }
        svg.text(LEFT + GRID_WIDTH / 2, gridBottom + 34, t.t("axis.hourOfDay", heatmap.getTimeZone()), 12.5, "middle",
                SvgDoc.INK, null);

        // Legend: the scale's six steps with their bounds, then the no-data swatch and the recommended mark.
        double ly = gridBottom + 58;
        svg.text(LEFT, ly + 12, t.t("legend.scale"), 11.5, "start", SvgDoc.INK, null);
        double sx = LEFT + SvgDoc.textWidth(t.t("legend.scale"), 11.5) + 12;
        double sw = 44;
        for (int i = 0; i < CLASSES; i++) {
            svg.rect(sx + i * sw, ly, sw, 14, Palette.SEQUENTIAL[i], null);
            svg.text(sx + i * sw, ly + 28, t.decimal(min + (max - min) * i / CLASSES, digits), 10.5, "middle",
                    SvgDoc.MUTED, null);
        }
        svg.text(sx + CLASSES * sw, ly + 28, t.decimal(max, digits), 10.5, "middle", SvgDoc.MUTED, null);
        double ry = ly + 48;
        if (history) {
            svg.rect(LEFT, ry - 12, 19, 15, svg.ref("nodata"), "stroke=\"#c4c4c4\" stroke-width=\"1\"");
            svg.text(LEFT + 26, ry, t.t("legend.noData"), 11.5, "start", SvgDoc.INK, null);
            ry += 22;
        }
        if (!words.isEmpty()) {
            svg.rect(LEFT + 1.5, ry - 11.5, 17, 15, "none", "stroke=\"#000000\" stroke-width=\"3\"");
            svg.text(LEFT + 26, ry, t.t("legend.recommended") + ": " + String.join(" · ", words), 11.5, "start",
                    SvgDoc.INK, null);
        }
        return svg.close();
    }

    static int level(double value, double min, double max) {
        if (max <= min) {
            return CLASSES / 2;
        }
        int level = (int) Math.floor((value - min) / (max - min) * CLASSES);
        return Math.max(0, Math.min(CLASSES - 1, level));
    }
}
