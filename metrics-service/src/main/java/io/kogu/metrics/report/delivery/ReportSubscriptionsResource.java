package io.kogu.metrics.report.delivery;

import io.kogu.metrics.api.ReportSubscriptionsApi;
import io.kogu.metrics.api.model.ReportSubscription;
import io.kogu.metrics.api.model.ReportSubscriptionInput;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** {@code /v1/report-subscriptions}: reads for every human role, changes for editors and admins. */
public class ReportSubscriptionsResource implements ReportSubscriptionsApi {

    @Inject
    ReportSubscriptions subscriptions;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response createReportSubscription(ReportSubscriptionInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createReportSubscription", input, () -> {
            ReportSubscription created = subscriptions.create(caller.workspaceId(), input);
            return Response.created(uriInfo.getAbsolutePathBuilder().path(created.getId().toString()).build())
                    .tag(Versions.etag(created.getVersion())).entity(created).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listReportSubscriptions(Integer limit, String cursor) {
        return Response.ok(subscriptions.list(caller.workspaceId(), Keyset.of(cursor, limit))).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getReportSubscription(UUID subscriptionId) {
        ReportSubscription subscription = subscriptions.get(caller.workspaceId(), subscriptionId);
        return Response.ok(subscription).tag(Versions.etag(subscription.getVersion())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response updateReportSubscription(UUID subscriptionId, ReportSubscriptionInput input, String ifMatch) {
        ReportSubscription subscription = subscriptions.update(caller.workspaceId(), subscriptionId, ifMatch, input);
        return Response.ok(subscription).tag(Versions.etag(subscription.getVersion())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response deleteReportSubscription(UUID subscriptionId, String ifMatch) {
        subscriptions.delete(caller.workspaceId(), subscriptionId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listReportDeliveries(UUID subscriptionId, Integer limit, String cursor) {
        return Response.ok(subscriptions.deliveries(caller.workspaceId(), subscriptionId, Keyset.of(cursor, limit)))
                .build();
    }
}
