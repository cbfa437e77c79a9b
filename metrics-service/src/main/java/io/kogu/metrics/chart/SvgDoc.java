package io.kogu.metrics.chart;

import java.util.Locale;

/**
 * A small SVG writer: elements appended in order, numbers with at most one decimal (so that the same data always
 * gives the same bytes), text escaped. Every chart starts with {@code <title>} and {@code <desc>} and names them in
 * {@code aria-labelledby}; ids are prefixed with the chart's id so that several charts can be inlined in one page.
 */
final class SvgDoc {

    static final String FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
    static final String INK = "#1a1a1a";
    static final String MUTED = "#555555";
    static final String GRID = "#d9d9d9";

    private final StringBuilder svg = new StringBuilder(8192);
    private final String id;

    SvgDoc(String id, double width, double height, String title, String desc) {
        this.id = id;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
                .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" font-family=\"").append(FONT).append("\" role=\"img\" aria-labelledby=\"")
                .append(id).append("-title ").append(id).append("-desc\">\n");
        svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>\n");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(desc)).append("</desc>\n");
        svg.append("<rect width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" fill=\"#ffffff\"/>\n");
    }

    String id() {
        return id;
    }

    /** A diagonal hatch pattern (grey lines on light grey) for "no data" and "partial" marks. */
    SvgDoc hatch(String name, String background, String stroke) {
        svg.append("<defs><pattern id=\"").append(id).append('-').append(name)
                .append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"").append(background).append("\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"2.5\"/></pattern></defs>\n");
        return this;
    }

    String ref(String name) {
        return "url(#" + id + "-" + name + ")";
    }

    SvgDoc raw(String text) {
        svg.append(text);
        return this;
    }

    SvgDoc rect(double x, double y, double w, double h, String fill, String extra) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append('"');
        if (extra != null && !extra.isEmpty()) {
            svg.append(' ').append(extra);
        }
        svg.append("/>\n");
        return this;
    }

    /** A rect with a tooltip ({@code <title>} child), for viewers that show one. */
    SvgDoc rectWithTip(double x, double y, double w, double h, String fill, String extra, String tip) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append('"');
        if (extra != null && !extra.isEmpty()) {
            svg.append(' ').append(extra);
        }
        svg.append("><title>").append(escape(tip)).append("</title></rect>\n");
        return this;
    }

    SvgDoc line(double x1, double y1, double x2, double y2, String stroke, double width, String extra) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append('"');
        if (extra != null && !extra.isEmpty()) {
            svg.append(' ').append(extra);
        }
        svg.append("/>\n");
        return this;
    }

    SvgDoc polyline(double[] xs, double[] ys, int from, int to, String stroke, double width, String extra) {
        if (to - from < 2) {
            return this;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\" points=\"");
        for (int i = from; i < to; i++) {
            if (i > from) {
                svg.append(' ');
            }
            svg.append(n(xs[i])).append(',').append(n(ys[i]));
        }
        svg.append('"');
        if (extra != null && !extra.isEmpty()) {
            svg.append(' ').append(extra);
        }
        svg.append("/>\n");
        return this;
    }

    SvgDoc circle(double cx, double cy, double r, String fill, String stroke, String tip) {
        svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"");
        if (tip != null) {
            svg.append("><title>").append(escape(tip)).append("</title></circle>\n");
        } else {
            svg.append("/>\n");
        }
        return this;
    }

    /** Text; {@code anchor} is start, middle or end; {@code weight} bold or null. */
    SvgDoc text(double x, double y, String content, double size, String anchor, String fill, String weight) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(fill).append('"');
        if (weight != null) {
            svg.append(" font-weight=\"").append(weight).append('"');
        }
        svg.append('>').append(escape(content)).append("</text>\n");
        return this;
    }

    /** Text turned 90° counter-clockwise around (x, y): a y-axis title. */
    SvgDoc verticalText(double x, double y, String content, double size, String fill) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"middle\" fill=\"").append(fill).append("\" transform=\"rotate(-90 ")
                .append(n(x)).append(' ').append(n(y)).append(")\">").append(escape(content)).append("</text>\n");
        return this;
    }

    String close() {
        return svg.append("</svg>\n").toString();
    }

    /** Approximate width of a text in the chart font (DejaVu Sans averages about 0.6 em a character). */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.6;
    }

    static String n(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
