package io.kogu.platform.security;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A call made on behalf of the caller carries the caller's token, so that the callee applies the same
 * workspace and roles (ARCHITECTURE.md, "Identity, tenancy, roles"). A {@code service} caller names its
 * workspace in a header rather than in its token, so that header travels too. Register it on a REST client
 * with {@code quarkus.rest-client.<client>.providers=io.kogu.platform.security.ForwardCallerToken}.
 */
@ApplicationScoped
@Unremovable // looked up by the REST client at run time, never injected by our code
public class ForwardCallerToken implements ClientRequestFilter {

    @Inject
    Caller caller;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + caller.bearerToken());
        if (caller.hasRole(Roles.SERVICE)) {
            request.getHeaders().putSingle(Caller.WORKSPACE_HEADER, caller.workspaceId());
        }
    }
}
