package io.kogu.audience.attribute;

import io.kogu.audience.api.AttributesApi;
import io.kogu.audience.api.model.AttributeDefinitionInput;
import io.kogu.audience.api.model.AttributeDefinitionPage;
import io.kogu.audience.api.model.AttributeType;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.ZoneOffset;

public class AttributesResource implements AttributesApi {

    @Inject
    AttributeService attributes;

    @Inject
    Caller caller;

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response createAttributeDefinition(AttributeDefinitionInput input) {
        AttributeDefinition definition = attributes.declare(caller.workspaceId(), input.getKey(), input.getType().toString());
        return Response.status(Response.Status.CREATED).entity(toApi(definition)).build();
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN, Roles.INTEGRATION})
    public Response listAttributeDefinitions(Integer limit, String cursor) {
        Page<io.kogu.audience.api.model.AttributeDefinition> page = attributes
                .list(caller.workspaceId(), Keyset.of(cursor, limit))
                .map(AttributesResource::toApi);
        return Response.ok(new AttributeDefinitionPage().items(page.items()).nextCursor(page.nextCursor())).build();
    }

    private static io.kogu.audience.api.model.AttributeDefinition toApi(AttributeDefinition definition) {
        return new io.kogu.audience.api.model.AttributeDefinition().key(definition.key)
                .type(AttributeType.fromValue(definition.type)).createdAt(definition.createdAt.atOffset(ZoneOffset.UTC));
    }
}
