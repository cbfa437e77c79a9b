package io.kogu.content.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outbox receiver of {@code engagement.reading}: sends one reading's events (counter snapshots and named
 * engagers) to metrics-service's {@code POST /v1/events} as the service, naming the workspace, as
 * {@code MetricsPublications} registers publications. metrics-service is idempotent by event id and turns
 * snapshots into deltas; a snapshot older than the latest one seen is rejected there as stale, which is the
 * expected answer to a reading delivered late, not a failure. Any other rejection (the publication not yet
 * registered there, because {@code publication.published} is still on its way) fails the delivery, and the outbox
 * tries again with backoff.
 *
 * <p>A plain JSON interface rather than the generated {@code EventsApi}: the contract's body is a {@code oneOf}
 * (one event or a batch), which the generator renders as a wrapper that does not serialise as the array.
 */
@ApplicationScoped
public class MetricsEngagement implements OutboxReceiver {

    /** metrics-service's {@code POST /v1/events} with a JSON array of events. */
    @Path("/v1/events")
    public interface Events {
        @POST
        @Consumes("application/json")
        @Produces("application/json")
        JsonNode ingest(JsonNode events);
    }

    @ConfigProperty(name = "kogu.metrics-url")
    URI metricsUrl;

    @Inject
    ServiceTokens tokens;

    @Override
    public String eventType() {
        return EngagementWork.READING_EVENT;
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        String bearer = "Bearer " + tokens.sign("metrics-service");
        ClientRequestFilter headers = request -> {
            request.getHeaders().putSingle("Authorization", bearer);
            request.getHeaders().putSingle(Caller.WORKSPACE_HEADER, message.workspaceId());
        };
        Events client = QuarkusRestClientBuilder.newBuilder().baseUri(metricsUrl)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                .register(headers).build(Events.class);
        try {
            JsonNode result = client.ingest(message.payload().path("events"));
            List<String> refused = refusals(result);
            if (!refused.isEmpty()) {
                throw new IllegalStateException("metrics-service refused " + refused.size() + " event(s) of the reading: "
                        + refused.get(0));
            }
        } finally {
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** The rejections that are not a stale snapshot (those are expected: a later reading arrived first). */
    static List<String> refusals(JsonNode result) {
        List<String> refused = new ArrayList<>();
        for (JsonNode rejection : result.path("rejections")) {
            String reason = rejection.path("reason").asText("");
            if (!reason.startsWith("total: older than the latest snapshot")) {
                refused.add(reason);
            }
        }
        return refused;
    }
}
