package io.kogu.metrics.alert;

import io.kogu.metrics.api.AlertsApi;
import io.kogu.metrics.api.model.AlertAcknowledgementInput;
import io.kogu.metrics.api.model.AlertRule;
import io.kogu.metrics.api.model.AlertRuleInput;
import io.kogu.metrics.api.model.AlertState;
import io.kogu.metrics.api.model.InboxActivity;
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

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Crisis alerts: inbox activity in (service, integration), alert rules (read by every human role, changed by editors
 * and admins), alerts (read also by integrations; acknowledged by editors, approvers and admins).
 */
public class AlertsResource implements AlertsApi {

    @Inject
    InboxActivityIntake intake;

    @Inject
    AlertRules rules;

    @Inject
    Alerts alerts;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed({Roles.SERVICE, Roles.INTEGRATION})
    public Response recordInboxActivity(InboxActivity activity) {
        return Response.ok(intake.record(caller.workspaceId(), activity)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response createAlertRule(AlertRuleInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createAlertRule", input, () -> {
            AlertRule created = rules.create(caller.workspaceId(), input);
            return Response.created(uriInfo.getAbsolutePathBuilder().path(created.getId().toString()).build())
                    .tag(Versions.etag(created.getVersion())).entity(created).build();
        });
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response listAlertRules(Integer limit, String cursor) {
        return Response.ok(rules.list(caller.workspaceId(), Keyset.of(cursor, limit))).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getAlertRule(UUID ruleId) {
        AlertRule rule = rules.get(caller.workspaceId(), ruleId);
        return Response.ok(rule).tag(Versions.etag(rule.getVersion())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response updateAlertRule(UUID ruleId, AlertRuleInput input, String ifMatch) {
        AlertRule rule = rules.update(caller.workspaceId(), ruleId, ifMatch, input);
        return Response.ok(rule).tag(Versions.etag(rule.getVersion())).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    public Response deleteAlertRule(UUID ruleId, String ifMatch) {
        rules.delete(caller.workspaceId(), ruleId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION})
    public Response listAlerts(UUID ruleId, AlertState state, OffsetDateTime from, OffsetDateTime to, Integer limit,
                               String cursor) {
        return Response.ok(alerts.list(caller.workspaceId(), new Alerts.Filter(ruleId, state, from, to),
                Keyset.of(cursor, limit))).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION})
    public Response getAlert(UUID alertId) {
        return Response.ok(alerts.get(caller.workspaceId(), alertId)).build();
    }

    @Override
    @RolesAllowed({Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response acknowledgeAlert(UUID alertId, AlertAcknowledgementInput input) {
        return Response.ok(alerts.acknowledge(caller.workspaceId(), alertId, caller.subject(),
                input == null ? null : input.getNote())).build();
    }
}
