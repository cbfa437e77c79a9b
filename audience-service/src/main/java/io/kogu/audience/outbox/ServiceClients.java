package io.kogu.audience.outbox;

import io.kogu.platform.security.Caller;
import io.kogu.platform.security.ServiceTokens;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestFilter;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * REST clients of the outbox receivers: they call another service as this service (a service token for that
 * service only), naming the workspace; bounded, so that a call that hangs counts as a failed attempt and is retried.
 */
@ApplicationScoped
public class ServiceClients {

    @Inject
    ServiceTokens tokens;

    /** A client of {@code api} for {@code service} at {@code baseUri}; close it after the call. */
    public <T> T build(Class<T> api, URI baseUri, String service, String workspaceId) {
        String bearer = "Bearer " + tokens.sign(service);
        ClientRequestFilter headers = request -> {
            request.getHeaders().putSingle("Authorization", bearer);
            request.getHeaders().putSingle(Caller.WORKSPACE_HEADER, workspaceId);
        };
        return QuarkusRestClientBuilder.newBuilder().baseUri(baseUri)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                .register(headers).build(api);
    }

    public static void close(Object client) throws Exception {
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
