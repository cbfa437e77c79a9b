package io.kogu.metrics.report;

import io.kogu.metrics.api.ReportsApi;
import io.kogu.metrics.api.model.Report;
import io.kogu.metrics.api.model.ReportRequest;
import io.kogu.metrics.chart.Texts;
import io.kogu.metrics.report.delivery.StoredReports;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

public class ReportsResource implements ReportsApi {

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    StoredReports stored;

    @Context
    HttpHeaders headers;

    /** A report a scheduled delivery made, byte for byte as it was sent (the link of its e-mail and webhook). */
    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION})
    public Response getStoredReport(UUID reportId) {
        StoredReports.Document document = stored.get(caller.workspaceId(), reportId);
        Representation representation = "html".equals(document.format()) ? Representation.HTML : Representation.PDF;
        return Response.ok(document.body(), representation.mediaType)
                .header(HttpHeaders.CONTENT_LANGUAGE, document.language())
                .header("Content-Disposition", "inline; filename=\"" + document.fileName() + "\"").build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response createReport(ReportRequest request) {
        Representation representation = Representation.chosen(headers,
                List.of(Representation.JSON, Representation.HTML, Representation.PDF));
        Texts texts = Texts.of(headers.getAcceptableLanguages());
        Report report = reports.build(caller.workspaceId(), request, texts);
        Response.ResponseBuilder answer = switch (representation) {
            case HTML -> Response.ok(ReportHtml.render(report, texts, clock.instant()), representation.mediaType);
            case PDF -> Response.ok(ReportPdf.render(ReportHtml.render(report, texts, clock.instant())),
                            representation.mediaType)
                    .header("Content-Disposition", "inline; filename=\"report.pdf\"");
            default -> Response.ok(report);
        };
        return answer.header(HttpHeaders.CONTENT_LANGUAGE, texts.language()).build();
    }
}
