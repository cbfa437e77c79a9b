package io.kogu.metrics.client;

import io.kogu.platform.security.Caller;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A call made on behalf of a user carries the user's token, so that the callee applies the same workspace
 * and roles (ARCHITECTURE.md, "Identity, tenancy, roles").
 */
@ApplicationScoped
@Unremovable // looked up by the REST client at run time, never injected by our code
public class ForwardCallerToken implements ClientRequestFilter {

    @Inject
    Caller caller;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + caller.bearerToken());
    }
}
