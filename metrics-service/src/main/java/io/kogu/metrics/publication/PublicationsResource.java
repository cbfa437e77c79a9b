package io.kogu.metrics.publication;

import io.kogu.metrics.api.PublicationsApi;
import io.kogu.metrics.api.model.PublicationSummary;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

public class PublicationsResource implements PublicationsApi {

    @Inject
    PublicationSummaries summaries;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.SERVICE})
    public Response getPublicationSummary(UUID publicationId) {
        PublicationSummaries.Summary summary = summaries.of(caller.workspaceId(), publicationId)
                .orElseThrow(() -> ProblemException.notFound("publication", publicationId));
        return Response.ok(new PublicationSummary().publicationId(publicationId).totals(summary.totals())
                .engagements(summary.engagements())).build();
    }
}
