package io.kogu.content.webhook;

import io.kogu.content.api.WebhooksApi;
import io.kogu.content.api.model.WebhookDeliveryStatus;
import io.kogu.content.api.model.WebhookEndpointInput;
import io.kogu.content.api.model.WebhookReplayInput;
import io.kogu.platform.idempotency.Idempotency;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Versions;
import io.kogu.platform.webhooks.WebhookEndpointView;
import io.kogu.platform.webhooks.WebhookEndpoints;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbound webhooks API (contract: the Webhooks tag, the same on every service); all of it is platform's
 * {@link WebhookEndpoints}: this class only maps the generated models.
 */
public class WebhooksResource implements WebhooksApi {

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response createWebhookEndpoint(WebhookEndpointInput input, String idempotencyKey) {
        return idempotency.run(idempotencyKey, "createWebhookEndpoint", input, () -> {
            WebhookEndpointView endpoint = endpoints.create(caller.workspaceId(), settings(input));
            return Response.created(uriInfo.getAbsolutePathBuilder().path(endpoint.id().toString()).build())
                    .tag(Versions.etag(endpoint.version())).entity(endpoint).build();
        });
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response listWebhookEndpoints(Integer limit, String cursor) {
        return Response.ok(endpoints.list(caller.workspaceId(), Keyset.of(cursor, limit))).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response getWebhookEndpoint(UUID endpointId) {
        WebhookEndpointView endpoint = endpoints.get(caller.workspaceId(), endpointId);
        return Response.ok(endpoint).tag(Versions.etag(endpoint.version())).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response updateWebhookEndpoint(UUID endpointId, WebhookEndpointInput input, String ifMatch) {
        WebhookEndpointView endpoint = endpoints.update(caller.workspaceId(), endpointId, ifMatch, settings(input));
        return Response.ok(endpoint).tag(Versions.etag(endpoint.version())).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response deleteWebhookEndpoint(UUID endpointId, String ifMatch) {
        endpoints.delete(caller.workspaceId(), endpointId, ifMatch);
        return Response.noContent().build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response getWebhookEndpointSecret(UUID endpointId) {
        return Response.ok(endpoints.secret(caller.workspaceId(), endpointId)).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response rotateWebhookEndpointSecret(UUID endpointId) {
        return Response.ok(endpoints.rotate(caller.workspaceId(), endpointId)).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response listWebhookDeliveries(UUID endpointId, Integer limit, String cursor, WebhookDeliveryStatus status) {
        return Response.ok(endpoints.deliveries(caller.workspaceId(), endpointId, status == null ? null : status.toString(),
                Keyset.of(cursor, limit))).build();
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response replayWebhookDeliveries(UUID endpointId, WebhookReplayInput input) {
        int replayed = endpoints.replay(caller.workspaceId(), endpointId, input.getDeliveryId(),
                input.getSince() == null ? null : input.getSince().toInstant());
        return Response.accepted(Map.of("replayed", replayed)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION})
    public Response listWebhookEventTypes() {
        return Response.ok(Map.of("items", endpoints.eventTypes())).build();
    }

    private io.kogu.platform.webhooks.WebhookEndpointInput settings(WebhookEndpointInput input) {
        return new io.kogu.platform.webhooks.WebhookEndpointInput(input.getUrl(),
                input.getEventTypes() == null ? List.of() : input.getEventTypes().stream().map(Object::toString).toList(),
                input.getDescription(), input.getEnabled());
    }
}
