package io.kogu.metrics.chart;

import io.kogu.metrics.analytics.Engagement;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time series charts: engagements per bucket as a line or as bars, with the previous period as a dashed second
 * series, and engagements by type as stacked bars. Labelled axes (the unit and the interval on y, the zone on x),
 * horizontal gridlines at 1-2-5 ticks, the filter under the title, the bucket still counting shaded and labelled.
 */
public final class TimeCharts {

    public enum Kind { LINE, BAR }

    static final double WIDTH = 800;
    static final double HEIGHT = 400;
    static final double LEFT = 78;
    static final double RIGHT = WIDTH - 24;
    static final double TOP = 92;
    static final double BOTTOM = HEIGHT - 62;
    static final int MARKERS_UP_TO = 62;
    static final int MAX_STACKS = 6;
    static final String PARTIAL_BAND = "#ececec";

    private TimeCharts() {
    }

    /** Engagements per bucket, with the previous period when the data has it. */
    public static String series(Texts t, String id, Kind kind, String filterLine, SeriesData data) {
        String interval = t.t("interval." + data.interval());
        String title = t.t("chart.series.title." + data.interval());
        int n = data.size();
        long max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, data.current()[i]);
        }
        if (data.previous() != null) {
            for (long value : data.previous()) {
                max = Math.max(max, value);
            }
        }
        SvgDoc svg = new SvgDoc(id, WIDTH, HEIGHT, title + " — " + filterLine, seriesDesc(t, title, data));
        svg.hatch("partial", "#e3eef6", Palette.BLUE);
        Ticks ticks = Ticks.of(max, 5, true);
        frame(svg, t, title, filterLine, data, ticks, t.t("unit.engagements"));

        double slot = (RIGHT - LEFT) / Math.max(1, n);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = LEFT + slot * (i + 0.5);
            ys[i] = y(data.current()[i], ticks);
        }
        // Legend: what each series is, drawn as it is drawn in the plot.
        double lx = LEFT;
        double ly = 70;
        if (kind == Kind.BAR) {
            svg.rect(lx, ly - 9, 14, 10, Palette.BLUE, null);
        } else {
            svg.line(lx, ly - 4, lx + 22, ly - 4, Palette.BLUE, 2.5, null);
            svg.circle(lx + 11, ly - 4, 3.5, Palette.BLUE, Palette.BLUE, null);
        }
        lx += 28;
        svg.text(lx, ly, t.t("legend.current"), 12, "start", SvgDoc.INK, null);
        lx += SvgDoc.textWidth(t.t("legend.current"), 12) + 22;
        if (data.previous() != null) {
            svg.line(lx, ly - 4, lx + 22, ly - 4, Palette.VERMILLION, 2, "stroke-dasharray=\"6 4\"");
            svg.rect(lx + 8, ly - 7, 6, 6, "#ffffff", "stroke=\"" + Palette.VERMILLION + "\" stroke-width=\"1.5\"");
            lx += 28;
            svg.text(lx, ly, t.t("legend.previous"), 12, "start", SvgDoc.INK, null);
            lx += SvgDoc.textWidth(t.t("legend.previous"), 12) + 22;
        }
        if (data.partial() >= 0) {
            if (kind == Kind.BAR) {
                svg.rect(lx, ly - 10, 14, 12, svg.ref("partial"), "stroke=\"" + Palette.BLUE + "\" stroke-width=\"1\"");
            } else {
                svg.rect(lx, ly - 12, 14, 16, PARTIAL_BAND, null);
                svg.circle(lx + 7, ly - 4, 3.5, "#ffffff", Palette.BLUE, null);
            }
            svg.text(lx + 20, ly, t.t("legend.partial", interval), 12, "start", SvgDoc.INK, null);
        }

        int started = data.started();
        if (kind == Kind.BAR) {
            double barWidth = Math.max(1, slot * 0.72);
            for (int i = 0; i < started; i++) {
                double top = ys[i];
                String tip = tip(t, data, i);
                if (i == data.partial()) {
                    svg.rectWithTip(xs[i] - barWidth / 2, top, barWidth, BOTTOM - top, svg.ref("partial"),
                            "stroke=\"" + Palette.BLUE + "\" stroke-width=\"1\"", tip);
                } else {
                    svg.rectWithTip(xs[i] - barWidth / 2, top, barWidth, BOTTOM - top, Palette.BLUE, null, tip);
                }
            }
        } else {
            int solidEnd = data.partial() >= 0 ? data.partial() : started;
            svg.polyline(xs, ys, 0, solidEnd, Palette.BLUE, 2.5, null);
            if (data.partial() > 0) {
                svg.polyline(xs, ys, data.partial() - 1, data.partial() + 1, Palette.BLUE, 2.5,
                        "stroke-dasharray=\"2 4\"");
            }
            if (n <= MARKERS_UP_TO || started == 1) {
                for (int i = 0; i < started; i++) {
                    boolean partial = i == data.partial();
                    svg.circle(xs[i], ys[i], 3.5, partial ? "#ffffff" : Palette.BLUE, Palette.BLUE, tip(t, data, i));
                }
            }
        }
        if (data.previous() != null) {
            int m = data.previous().length;
            double[] py = new double[m];
            for (int i = 0; i < m; i++) {
                py[i] = y(data.previous()[i], ticks);
            }
            svg.polyline(xs, py, 0, m, Palette.VERMILLION, 2, "stroke-dasharray=\"6 4\"");
            if (n <= MARKERS_UP_TO) {
                for (int i = 0; i < m; i++) {
                    svg.rect(xs[i] - 3, py[i] - 3, 6, 6, "#ffffff",
                            "stroke=\"" + Palette.VERMILLION + "\" stroke-width=\"1.5\"");
                }
            }
        }
        return svg.close();
    }

    /** Engagements by type per bucket: the largest types stacked (largest at the bottom), the rest as "other". */
    public static String stacked(Texts t, String id, String filterLine, SeriesData data) {
        String interval = t.t("interval." + data.interval());
        String title = t.t("chart.stacked.title." + data.interval());
        int n = data.size();
        Map<String, Long> byType = new TreeMap<>();
        for (Map<String, Long> totals : data.totals()) {
            totals.forEach((type, count) -> {
                if (Engagement.TYPES.contains(type)) {
                    byType.merge(type, count, Long::sum);
                }
            });
        }
        List<String> types = new ArrayList<>(byType.keySet());
        types.sort(Comparator.comparing((String type) -> byType.get(type)).reversed().thenComparing(type -> type));
        List<String> shown = types.size() > MAX_STACKS ? new ArrayList<>(types.subList(0, MAX_STACKS - 1)) : types;
        boolean other = types.size() > shown.size();
        List<String> layers = new ArrayList<>(shown);
        if (other) {
            layers.add("other");
        }
        long[][] values = new long[n][layers.size()];
        long max = 0;
        for (int i = 0; i < n; i++) {
            long sum = 0;
            for (Map.Entry<String, Long> total : data.totals().get(i).entrySet()) {
                if (!Engagement.TYPES.contains(total.getKey())) {
                    continue;
                }
                int layer = shown.indexOf(total.getKey());
                values[i][layer < 0 ? layers.size() - 1 : layer] += Math.max(0, total.getValue());
                sum += Math.max(0, total.getValue());
            }
            max = Math.max(max, sum);
        }
        Map<String, String> legendTotals = new LinkedHashMap<>();
        for (int layer = 0; layer < layers.size(); layer++) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[i][layer];
            }
            legendTotals.put(t.t("type." + layers.get(layer)), t.integer(sum));
        }
        StringBuilder desc = new StringBuilder();
        legendTotals.forEach((name, total) -> desc.append(desc.isEmpty() ? "" : ", ").append(name).append(' ').append(total));
        SvgDoc svg = new SvgDoc(id, WIDTH, HEIGHT, title + " — " + filterLine, t.t("chart.desc.stacked", title, n,
                data.zoneName(), desc.isEmpty() ? "0" : desc.toString()));
        svg.hatch("partial", "#ffffff", "#777777");
        Ticks ticks = Ticks.of(max, 5, true);
        frame(svg, t, title, filterLine, data, ticks, t.t("unit.engagements"));

        // Legend in stacking order, bottom layer first, each with its total.
        double lx = LEFT;
        double ly = 70;
        for (int layer = 0; layer < layers.size(); layer++) {
            String label = t.t("type." + layers.get(layer));
            String text = label + " " + legendTotals.get(label);
            double w = 20 + SvgDoc.textWidth(text, 11.5) + 16;
            if (lx + w > RIGHT && lx > LEFT) {
                break;
            }
            svg.rect(lx, ly - 10, 13, 12, Palette.CATEGORIES[layer], "stroke=\"#ffffff\" stroke-width=\"0.5\"");
            svg.text(lx + 18, ly, text, 11.5, "start", SvgDoc.INK, null);
            lx += w;
        }
        double slot = (RIGHT - LEFT) / Math.max(1, n);
        double barWidth = Math.max(1, slot * 0.72);
        for (int i = 0; i < data.started(); i++) {
            double x = LEFT + slot * (i + 0.5) - barWidth / 2;
            long below = 0;
            for (int layer = 0; layer < layers.size(); layer++) {
                long value = values[i][layer];
                if (value <= 0) {
                    continue;
                }
                double yTop = y(below + value, ticks);
                double yBottom = y(below, ticks);
                svg.rectWithTip(x, yTop, barWidth, yBottom - yTop, Palette.CATEGORIES[layer],
                        barWidth >= 4 ? "stroke=\"#ffffff\" stroke-width=\"0.5\"" : null,
                        label(t, data, i) + " — " + t.t("type." + layers.get(layer)) + ": " + t.integer(value));
                below += value;
            }
            if (i == data.partial() && below > 0) {
                // The bucket still counting: hatched over its stack and labelled.
                svg.rect(x, y(below, ticks), barWidth, BOTTOM - y(below, ticks), svg.ref("partial"),
                        "fill-opacity=\"0.45\"");
            }
        }
        return svg.close();
    }

    /** Title, filter line, gridlines with tick labels, x labels, axis titles and the partial bucket's band. */
    private static void frame(SvgDoc svg, Texts t, String title, String filterLine, SeriesData data, Ticks ticks,
                              String unit) {
        String interval = t.t("interval." + data.interval());
        svg.text(LEFT - 60, 28, title, 17, "start", SvgDoc.INK, "bold");
        svg.text(LEFT - 60, 48, filterLine, 12.5, "start", SvgDoc.MUTED, null);
        int n = data.size();
        double slot = (RIGHT - LEFT) / Math.max(1, n);
        if (data.partial() >= 0) {
            double x = LEFT + slot * data.partial();
            svg.rect(x, TOP, slot, BOTTOM - TOP, PARTIAL_BAND, null);
            svg.text(Math.min(x + slot / 2, RIGHT - 24), TOP - 4, t.t("legend.partialShort"), 10.5,
                    "middle", SvgDoc.MUTED, null);
        }
        for (int i = 0; i <= ticks.count(); i++) {
            double value = ticks.value(i);
            double y = y(value, ticks);
            svg.line(LEFT, y, RIGHT, y, i == 0 ? "#333333" : SvgDoc.GRID, 1, null);
            svg.text(LEFT - 8, y + 4, t.tick(value, ticks.step()), 11.5, "end", SvgDoc.MUTED, null);
        }
        svg.verticalText(18, (TOP + BOTTOM) / 2, t.t("axis.y." + data.interval(), unit), 12.5, SvgDoc.INK);
        svg.text((LEFT + RIGHT) / 2, HEIGHT - 8, t.t("axis.time." + data.interval(), data.zoneName()), 12.5,
                "middle", SvgDoc.INK, null);

        // x labels: as many as fit, at calendar steps (hours 1, 2, 3, 4, 6, 12, 24; days 1, 2, 7, 14, 28; weeks
        // 1, 2, 4, 13, 26), aligned to them (00:00, 06:00, 12:00…; Mondays); hours name the day under midnight.
        int fit = Math.max(1, (int) ((RIGHT - LEFT) / 64));
        int[] steps = switch (data.interval()) {
            case HOUR -> new int[] {1, 2, 3, 4, 6, 12, 24, 48, 96, 168};
            case DAY -> new int[] {1, 2, 7, 14, 28, 56, 91};
            case WEEK -> new int[] {1, 2, 4, 13, 26, 52};
        };
        int every = steps[steps.length - 1];
        for (int step : steps) {
            if (Math.ceil(n / (double) step) <= fit) {
                every = step;
                break;
            }
        }
        int labelledYear = -1;
        for (int i = 0; i < n; i++) {
            ZonedDateTime start = data.starts().get(i);
            boolean aligned = switch (data.interval()) {
                case HOUR -> every >= 24 ? start.getHour() == 0 && (i / 24) % (every / 24) == 0
                        : start.getHour() % every == 0;
                case DAY -> every == 1 || every == 2 ? i % every == 0
                        : start.getDayOfWeek() == java.time.DayOfWeek.MONDAY
                        && java.time.temporal.ChronoUnit.WEEKS.between(data.starts().get(0), start) % (every / 7) == 0;
                case WEEK -> i % every == 0;
            };
            if (!aligned) {
                continue;
            }
            double x = LEFT + slot * (i + 0.5);
            svg.line(x, BOTTOM, x, BOTTOM + 5, "#333333", 1, null);
            if (data.interval() == io.kogu.metrics.api.model.SeriesInterval.HOUR) {
                svg.text(x, BOTTOM + 18, t.time(start.toLocalTime()), 11, "middle", SvgDoc.MUTED, null);
                if (start.getHour() == 0) {
                    svg.text(x, BOTTOM + 32, t.dayMonth(start.toLocalDate()), 11, "middle", SvgDoc.MUTED, null);
                }
            } else {
                svg.text(x, BOTTOM + 18, t.dayMonth(start.toLocalDate()), 11, "middle", SvgDoc.MUTED, null);
                if (start.getYear() != labelledYear) {
                    svg.text(x, BOTTOM + 32, Integer.toString(start.getYear()), 11, "middle", SvgDoc.MUTED, null);
                    labelledYear = start.getYear();
                }
            }
        }
    }

    private static double y(double value, Ticks ticks) {
        return BOTTOM - (BOTTOM - TOP) * Math.max(0, value) / ticks.max();
    }

    private static String label(Texts t, SeriesData data, int i) {
        ZonedDateTime start = data.starts().get(i);
        return switch (data.interval()) {
            case HOUR -> t.dayMonth(start.toLocalDate()) + " " + t.time(start.toLocalTime());
            case DAY, WEEK -> t.date(start.toLocalDate());
        };
    }

    private static String tip(Texts t, SeriesData data, int i) {
        String tip = label(t, data, i) + ": " + t.integer(data.current()[i]);
        if (data.previous() != null && i < data.previous().length) {
            tip += " (" + t.t("legend.previous") + ": " + t.integer(data.previous()[i]) + ")";
        }
        return i == data.partial() ? tip + " — " + t.t("legend.partialShort") : tip;
    }

    private static String seriesDesc(Texts t, String title, SeriesData data) {
        int n = data.size();
        long total = 0;
        int peak = 0;
        for (int i = 0; i < n; i++) {
            total += data.current()[i];
            if (data.current()[i] > data.current()[peak]) {
                peak = i;
            }
        }
        String desc = t.t("chart.desc.series", title, n, label(t, data, 0), label(t, data, n - 1), data.zoneName(),
                t.integer(total), t.integer(data.current()[peak]), label(t, data, peak));
        if (data.previous() != null) {
            long previous = 0;
            for (long value : data.previous()) {
                previous += value;
            }
            desc += " " + t.t("chart.desc.previous", t.integer(previous));
        }
        if (data.partial() >= 0) {
            desc += " " + t.t("chart.desc.partial");
        }
        return desc;
    }
}
