package io.kogu.metrics.report.delivery;

import io.kogu.metrics.api.model.HeadlineFigure;
import io.kogu.metrics.api.model.Report;
import io.kogu.metrics.api.model.ReportRequest;
import io.kogu.metrics.chart.Texts;
import io.kogu.metrics.report.ReportHtml;
import io.kogu.metrics.report.ReportPdf;
import io.kogu.metrics.report.Reports;
import io.kogu.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A report made without a caller (a scheduled delivery): the same {@link Reports} as {@code POST /v1/reports}, in a
 * request context of its own that acts as this service for the workspace, so that the segment parts ask
 * audience-service with a service token ({@link Caller#actAsService}).
 */
@ApplicationScoped
public class BackgroundReports {

    /** The document and the headline figures in words (the e-mail's text). */
    public record Rendered(byte[] body, String headline) {
    }

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @ActivateRequestContext
    public Rendered render(String workspaceId, ReportRequest request, Texts texts, String format) {
        caller.actAsService(workspaceId);
        Report report = reports.build(workspaceId, request, texts);
        String html = ReportHtml.render(report, texts, clock.instant());
        byte[] body = "html".equals(format) ? html.getBytes(StandardCharsets.UTF_8) : ReportPdf.render(html);
        StringBuilder headline = new StringBuilder();
        for (HeadlineFigure figure : report.getHeadline()) {
            headline.append("- ").append(figure.getLabel()).append(": ").append(figure.getDisplay());
            if (figure.getChange() != null) {
                headline.append(" (").append(texts.change(figure.getChange())).append(')');
            }
            headline.append('\n');
        }
        return new Rendered(body, headline.toString());
    }
}
