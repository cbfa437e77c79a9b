package io.kogu.content.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.ServiceTokens;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * audience-service's intake of what content-service learns from the networks (issue 13, INTERFACES.md A and B):
 * conversation items the collector read, and the outcome of replies. Called by outbox receivers as the service,
 * naming the workspace. audience-service is idempotent on both (items by the network's id, outcomes by reply id and
 * state), so a delivery repeated after a lost answer changes nothing.
 *
 * <p>A plain JSON interface: lane inbox adds these operations to audience-service's contract in parallel; once
 * merged, the generated client can take its place.
 */
@ApplicationScoped
public class AudienceIntake {

    @Path("/v1")
    public interface Api {
        @POST
        @Path("/conversation-items")
        @Consumes("application/json")
        @Produces("application/json")
        JsonNode conversationItems(JsonNode body);

        /** Answers 204; the Accept header must allow what it answers then and on errors (else a 406). */
        @POST
        @Path("/reply-outcomes")
        @Consumes("application/json")
        @Produces({"application/json", "application/problem+json"})
        void replyOutcomes(JsonNode body);
    }

    @ConfigProperty(name = "kogu.audience-url")
    URI audienceUrl;

    @Inject
    ServiceTokens tokens;

    /** Calls audience-service for {@code workspaceId}; the client is closed afterwards. */
    public <T> T call(String workspaceId, java.util.function.Function<Api, T> call) throws Exception {
        String bearer = "Bearer " + tokens.sign("audience-service");
        ClientRequestFilter headers = request -> {
            request.getHeaders().putSingle("Authorization", bearer);
            request.getHeaders().putSingle(Caller.WORKSPACE_HEADER, workspaceId);
        };
        Api client = QuarkusRestClientBuilder.newBuilder().baseUri(audienceUrl)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                .register(headers).build(Api.class);
        try {
            return call.apply(client);
        } finally {
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
