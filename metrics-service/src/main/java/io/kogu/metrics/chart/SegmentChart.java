package io.kogu.metrics.chart;

/**
 * A segment breakdown: one bar split into the engagement of the segment's members, of other members and of actors
 * not attributed to a member, each part labelled with its count and share.
 */
public final class SegmentChart {

    static final double WIDTH = 800;
    static final double HEIGHT = 150;
    static final double LEFT = 24;
    static final double RIGHT = WIDTH - 24;

    private SegmentChart() {
    }

    public static String render(Texts t, String id, String filterLine, long inSegment, long outside, long unattributed) {
        String title = t.t("chart.segment.title");
        long total = Math.max(0, inSegment) + Math.max(0, outside) + Math.max(0, unattributed);
        String[] labels = {t.t("segment.in"), t.t("segment.outside"), t.t("segment.unattributed")};
        long[] values = {Math.max(0, inSegment), Math.max(0, outside), Math.max(0, unattributed)};
        String[] fills = {Palette.BLUE, Palette.ORANGE, null};
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            words.append(i == 0 ? "" : "; ").append(labels[i]).append(' ').append(t.integer(values[i]))
                    .append(" (").append(share(t, values[i], total)).append(')');
        }
        SvgDoc svg = new SvgDoc(id, WIDTH, HEIGHT, title + " — " + filterLine,
                t.t("chart.desc.segment", title, words.toString()));
        svg.hatch("unattributed", "#f2f2f2", "#aaaaaa");
        svg.text(LEFT, 28, title, 17, "start", SvgDoc.INK, "bold");
        svg.text(LEFT, 48, filterLine, 12.5, "start", SvgDoc.MUTED, null);
        double x = LEFT;
        double y = 66;
        double h = 34;
        svg.rect(LEFT, y, RIGHT - LEFT, h, "#ffffff", "stroke=\"#999999\" stroke-width=\"1\"");
        for (int i = 0; i < 3; i++) {
            if (total == 0 || values[i] == 0) {
                continue;
            }
            double w = (RIGHT - LEFT) * values[i] / total;
            String fill = fills[i] == null ? svg.ref("unattributed") : fills[i];
            svg.rectWithTip(x, y, w, h, fill, "stroke=\"#ffffff\" stroke-width=\"1\"",
                    labels[i] + ": " + t.integer(values[i]));
            if (w > 48) {
                if (fills[i] == null) {
                    svg.rect(x + w / 2 - 24, y + h / 2 - 10, 48, 20, "#ffffff", "rx=\"3\"");
                }
                svg.text(x + w / 2, y + h / 2 + 4.5, share(t, values[i], total), 12.5, "middle",
                        fills[i] == null ? SvgDoc.INK : (i == 1 ? "#000000" : "#ffffff"), "bold");
            }
            x += w;
        }
        double lx = LEFT;
        double ly = y + h + 32;
        for (int i = 0; i < 3; i++) {
            String fill = fills[i] == null ? svg.ref("unattributed") : fills[i];
            svg.rect(lx, ly - 11, 14, 14, fill, "stroke=\"#999999\" stroke-width=\"0.5\"");
            String text = labels[i] + ": " + t.integer(values[i]) + " (" + share(t, values[i], total) + ")";
            svg.text(lx + 20, ly, text, 12, "start", SvgDoc.INK, null);
            lx += 20 + SvgDoc.textWidth(text, 12) + 24;
        }
        return svg.close();
    }

    private static String share(Texts t, long value, long total) {
        return total == 0 ? t.t("change.none") : t.percent((double) value / total, 0);
    }
}
