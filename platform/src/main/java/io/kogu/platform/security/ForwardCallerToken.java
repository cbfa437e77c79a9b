package io.kogu.platform.security;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.lang.reflect.Method;

/**
 * A call made on behalf of the caller carries the caller's token, so that the callee applies the same
 * workspace and roles (ARCHITECTURE.md, "Identity, tenancy, roles"). A {@code service} caller's token is made for
 * this service only ({@code aud}), so it is not forwarded: the call gets a fresh service token for the callee (the
 * REST client's {@code configKey}, which is the callee's name), and the workspace travels in its header. Register
 * it on a REST client with {@code quarkus.rest-client.<client>.providers=io.kogu.platform.security.ForwardCallerToken}.
 */
@ApplicationScoped
@Unremovable // looked up by the REST client at run time, never injected by our code
public class ForwardCallerToken implements ClientRequestFilter {

    private static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    @Inject
    Caller caller;

    @Inject
    ServiceTokens serviceTokens;

    @Override
    public void filter(ClientRequestContext request) {
        if (caller.hasRole(Roles.SERVICE)) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + serviceTokens.sign(callee(request)));
            request.getHeaders().putSingle(Caller.WORKSPACE_HEADER, caller.workspaceId());
        } else {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + caller.bearerToken());
        }
    }

    private static String callee(ClientRequestContext request) {
        if (request.getProperty(INVOKED_METHOD) instanceof Method method) {
            RegisterRestClient client = method.getDeclaringClass().getAnnotation(RegisterRestClient.class);
            if (client != null && !client.configKey().isBlank()) {
                return client.configKey();
            }
        }
        throw new IllegalStateException("A service's call on behalf of a service needs a REST client whose configKey "
                + "names the called service");
    }
}
