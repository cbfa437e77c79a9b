package io.kogu.metrics.report;

import io.kogu.metrics.api.model.HeadlineFigure;
import io.kogu.metrics.api.model.RecommendedSlot;
import io.kogu.metrics.api.model.Report;
import io.kogu.metrics.api.model.ReportPublication;
import io.kogu.metrics.chart.HeatmapChart;
import io.kogu.metrics.chart.SegmentChart;
import io.kogu.metrics.chart.SeriesData;
import io.kogu.metrics.chart.Texts;
import io.kogu.metrics.chart.TimeCharts;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as one self-contained XHTML page: styles in the head, charts inline as SVG, no script, no external
 * resource. The same page is the PDF's source ({@link ReportPdf}), so it is well-formed XML and uses only CSS that
 * openhtmltopdf lays out (tables, no flexbox); charts are scaled to the page width.
 */
public final class ReportHtml {

    /** Width of the charts on the page in CSS px (an A4 page less its margins is about 700 px). */
    static final double CHART_WIDTH = 700;
    private static final Pattern SIZE = Pattern.compile("^<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"([0-9.]+)\" height=\"([0-9.]+)\"");

    private ReportHtml() {
    }

    public static String render(Report report, Texts t, Instant now) {
        ZoneId zone = io.kogu.metrics.analytics.Zones.parse(report.getTimeZone());
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(t.language())
                .append("\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>").append(esc(report.getTitle())).append(" — ")
                .append(esc(report.getScope().getDescription())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");

        ZonedDateTime from = report.getFrom().atZoneSameInstant(zone);
        ZonedDateTime last = report.getTo().atZoneSameInstant(zone).minusNanos(1);
        ZonedDateTime previousFrom = report.getPreviousFrom().atZoneSameInstant(zone);
        html.append("<header>\n<h1>").append(esc(report.getTitle())).append("</h1>\n<p class=\"scope\">")
                .append(esc(report.getScope().getDescription())).append("</p>\n<p class=\"period\">")
                .append(esc(t.t("report.period", t.date(from.toLocalDate()), t.date(last.toLocalDate()), report.getTimeZone())))
                .append(" · ").append(esc(t.t("report.previous", t.date(previousFrom.toLocalDate()),
                        t.date(from.minusNanos(1).toLocalDate())))).append("</p>\n</header>\n");

        // Headline: one card per figure, then the formulas.
        html.append("<section class=\"headline\">\n<h2>").append(esc(t.t("report.section.headline")))
                .append("</h2>\n<table class=\"cards\"><tr>\n");
        for (HeadlineFigure figure : report.getHeadline()) {
            html.append("<td><div class=\"label\">").append(esc(figure.getLabel())).append("</div><div class=\"value\">")
                    .append(esc(figure.getDisplay())).append("</div><div class=\"delta ")
                    .append(figure.getChange() == null ? "flat" : figure.getChange() >= 0 ? "up" : "down").append("\">")
                    .append(figure.getChange() == null ? "" : figure.getChange() > 0 ? "▲ " : figure.getChange() < 0 ? "▼ " : "")
                    .append(esc(t.change(figure.getChange()))).append("</div><div class=\"previous\">")
                    .append(esc(t.t("report.vsPrevious", previous(t, figure)))).append("</div></td>\n");
        }
        html.append("</tr></table>\n<h3>").append(esc(t.t("report.section.formulas"))).append("</h3>\n<ul class=\"formulas\">\n");
        for (HeadlineFigure figure : report.getHeadline()) {
            html.append("<li><b>").append(esc(figure.getLabel())).append(":</b> ").append(esc(figure.getFormula()))
                    .append("</li>\n");
        }
        html.append("<li>").append(esc(t.t("formula.change"))).append("</li>\n</ul>\n</section>\n");

        SeriesData data = SeriesData.of(report.getSeries().getInterval(), report.getTimeZone(),
                report.getSeries().getBuckets(), report.getSeries().getPreviousBuckets(), now);
        String scope = report.getScope().getDescription();
        html.append("<section class=\"chart\">\n<h2>").append(esc(t.t("report.section.series"))).append("</h2>\n")
                .append(scaled(TimeCharts.series(t, "series", TimeCharts.Kind.LINE, scope, data))).append("</section>\n");
        html.append("<section class=\"chart\">\n<h2>").append(esc(t.t("report.section.byType"))).append("</h2>\n")
                .append(scaled(TimeCharts.stacked(t, "bytype", scope, data))).append("</section>\n");

        publications(html, t, zone, t.t("report.section.top"), report.getTop());
        publications(html, t, zone, t.t("report.section.bottom"), report.getBottom());

        html.append("<section class=\"chart\">\n<h2>").append(esc(t.t("report.section.bestTime"))).append("</h2>\n");
        if (report.getBestTime() == null) {
            html.append("<p>").append(esc(t.t("report.bestTime.none"))).append("</p>\n");
        } else {
            html.append(scaled(HeatmapChart.render(t, "besttime", report.getBestTime().getScope(),
                            report.getBestTime().getHeatmap(), report.getBestTime().getRecommendations().subList(0,
                                    Math.min(3, report.getBestTime().getRecommendations().size())))));
            if (!report.getBestTime().getRecommendations().isEmpty()) {
                html.append("<h3>").append(esc(t.t("report.recommended"))).append("</h3>\n<ol class=\"slots\">\n");
                for (RecommendedSlot slot : report.getBestTime().getRecommendations()) {
                    ZonedDateTime start = slot.getStart().atZoneSameInstant(zone);
                    html.append("<li>").append(esc(t.dayLong(start.getDayOfWeek()))).append(' ')
                            .append(esc(t.date(start.toLocalDate()))).append(' ').append(esc(t.time(start.toLocalTime())))
                            .append(" — ").append(esc(t.t("report.expected", t.decimal(slot.getExpectedEngagements(), 1))))
                            .append("</li>\n");
                }
                html.append("</ol>\n");
            }
        }
        html.append("</section>\n");

        if (report.getSegmentBreakdown() != null) {
            var breakdown = report.getSegmentBreakdown();
            html.append("<section class=\"chart\">\n<h2>").append(esc(t.t("report.section.segment"))).append("</h2>\n")
                    .append(scaled(SegmentChart.render(t, "segment", scope, breakdown.getInSegment().getEngagements(),
                            breakdown.getOutsideSegment().getEngagements(), breakdown.getUnattributed().getEngagements())))
                    .append("<p class=\"note\">").append(esc(t.t("report.segment.publications", breakdown.getPublications())))
                    .append("</p>\n</section>\n");
        }
        html.append("<footer>").append(esc(t.t("report.generated", t.date(report.getGeneratedAt()
                        .atZoneSameInstant(zone).toLocalDate()) + " " + t.time(report.getGeneratedAt()
                        .atZoneSameInstant(zone).toLocalTime()) + " (" + report.getTimeZone() + ")")))
                .append("</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String previous(Texts t, HeadlineFigure figure) {
        if (figure.getPrevious() == null) {
            return t.t("change.none");
        }
        if (figure.getKey() == io.kogu.metrics.api.model.HeadlineKey.ENGAGEMENT_RATE) {
            return t.percent(figure.getPrevious(), 2);
        }
        double value = figure.getPrevious();
        return value == Math.rint(value) ? t.integer(Math.round(value)) : t.decimal(value, 1);
    }

    private static void publications(StringBuilder html, Texts t, ZoneId zone, String title,
                                     List<ReportPublication> rows) {
        html.append("<section class=\"posts\">\n<h2>").append(esc(title)).append("</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>").append(esc(t.t("report.posts.none"))).append("</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"data\">\n<thead><tr><th class=\"num\">").append(esc(t.t("report.col.rank")))
                .append("</th><th>").append(esc(t.t("report.col.published"))).append("</th><th>")
                .append(esc(t.t("report.col.network"))).append("</th><th>").append(esc(t.t("report.col.post")))
                .append("</th><th>").append(esc(t.t("report.col.campaign"))).append("</th><th class=\"num\">")
                .append(esc(t.t("report.col.engagements"))).append("</th><th class=\"num\">")
                .append(esc(t.t("report.col.rate"))).append("</th></tr></thead>\n<tbody>\n");
        int rank = 1;
        for (ReportPublication row : rows) {
            ZonedDateTime published = row.getPublishedAt().atZoneSameInstant(zone);
            html.append("<tr><td class=\"num\">").append(rank++).append("</td><td>")
                    .append(esc(t.date(published.toLocalDate()) + " " + t.time(published.toLocalTime())))
                    .append("</td><td>").append(esc(row.getNetwork().toString())).append("</td><td class=\"post\">");
            String label = row.getTitle() != null ? row.getTitle() : row.getExternalPostId() != null
                    ? row.getExternalPostId() : row.getPublicationId().toString().substring(0, 8);
            if (row.getUrl() != null && row.getUrl().matches("^https?://\\S+$")) {
                html.append("<a href=\"").append(esc(row.getUrl())).append("\">")
                        .append(esc(row.getTitle() != null ? row.getTitle() : shortUrl(row.getUrl()))).append("</a>");
            } else {
                html.append(esc(label));
            }
            html.append("</td><td>").append(esc(row.getCampaign() == null ? "" : row.getCampaign()))
                    .append("</td><td class=\"num\">").append(esc(t.integer(row.getEngagements())))
                    .append("</td><td class=\"num\">").append(esc(row.getEngagementRate() == null
                            || row.getEngagementRate().getValue() == null ? t.t("change.none")
                            : t.percent(row.getEngagementRate().getValue(), 2))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    /** host/path, at most 48 characters, for a link's text (the href keeps the whole address). */
    static String shortUrl(String url) {
        String text;
        try {
            URI uri = URI.create(url);
            text = (uri.getHost() == null ? "" : uri.getHost().replaceFirst("^www\\.", ""))
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            text = url;
        }
        return text.length() > 48 ? text.substring(0, 47) + "…" : text;
    }

    /** The chart at the page's width: width and height scaled, the viewBox kept. */
    static String scaled(String svg) {
        Matcher size = SIZE.matcher(svg);
        if (!size.find()) {
            return svg;
        }
        double width = Double.parseDouble(size.group(1));
        double height = Double.parseDouble(size.group(2));
        double factor = CHART_WIDTH / width;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fmt(width * factor) + "\" height=\""
                + fmt(height * factor) + "\"" + svg.substring(size.end());
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static final String CSS = """
            @page { size: A4; margin: 14mm 12mm 16mm 12mm;
              @bottom-right { content: counter(page) " / " counter(pages); font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #555; } }
            body { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; color: #1a1a1a; font-size: 10pt; line-height: 1.35; max-width: 760px; margin: 0 auto; }
            header { border-bottom: 3px solid #0072B2; margin-bottom: 10px; padding-bottom: 6px; }
            h1 { font-size: 20pt; margin: 0 0 4px 0; }
            h2 { font-size: 13pt; margin: 16px 0 6px 0; color: #0b3d63; }
            h3 { font-size: 10.5pt; margin: 10px 0 4px 0; }
            p { margin: 2px 0; }
            .scope { font-size: 11pt; font-weight: bold; color: #333; }
            .period, .note { color: #555; }
            section { page-break-inside: avoid; }
            section.posts { page-break-inside: auto; }
            table.cards { width: 100%; border-collapse: separate; border-spacing: 6px 0; table-layout: fixed; }
            table.cards td { border: 1px solid #c8d6e2; border-top: 4px solid #0072B2; padding: 8px; vertical-align: top; background: #f7fafc; }
            .label { font-size: 8.5pt; color: #444; text-transform: uppercase; letter-spacing: 0.3px; height: 2.5em; }
            .value { font-size: 16pt; font-weight: bold; margin: 4px 0 2px 0; }
            .delta { font-size: 9.5pt; font-weight: bold; }
            .delta.up { color: #006b4f; }
            .delta.down { color: #a33b00; }
            .delta.flat { color: #555; }
            .previous { font-size: 8.5pt; color: #555; }
            ul.formulas { font-size: 8.5pt; color: #444; margin: 0; padding-left: 16px; }
            table.data { width: 100%; border-collapse: collapse; font-size: 9pt; }
            table.data th { text-align: left; border-bottom: 2px solid #333; padding: 4px 6px; }
            table.data td { border-bottom: 1px solid #ddd; padding: 4px 6px; vertical-align: top; }
            table.data tr { page-break-inside: avoid; }
            .num { text-align: right; }
            td.post { word-wrap: break-word; }
            a { color: #0062a0; }
            svg { max-width: 100%; height: auto; }
            ol.slots { margin: 0; padding-left: 20px; }
            footer { margin-top: 16px; border-top: 1px solid #ccc; padding-top: 4px; font-size: 8pt; color: #555; }
            """;
}
