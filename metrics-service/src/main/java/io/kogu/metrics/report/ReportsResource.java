package io.kogu.metrics.report;

import io.kogu.metrics.api.ReportsApi;
import io.kogu.metrics.api.model.Report;
import io.kogu.metrics.api.model.ReportRequest;
import io.kogu.metrics.chart.Texts;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;

public class ReportsResource implements ReportsApi {

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Context
    HttpHeaders headers;

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
