package io.kogu.content.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.content.client.metrics.PublicationsApi;
import io.kogu.content.client.metrics.model.PublicationInput;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.ServiceTokens;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The outbox receiver of {@code publication.published}: registers the publication in metrics-service
 * ({@code POST /v1/publications}, its generated client) as the service, naming the workspace, with the same id,
 * so that engagement events for the post are accepted there. metrics-service is idempotent by id: a delivery
 * repeated after a lost answer changes nothing.
 */
@ApplicationScoped
public class MetricsPublications implements OutboxReceiver {

    @ConfigProperty(name = "kogu.metrics-url")
    URI metricsUrl;

    @Inject
    ServiceTokens tokens;

    @Inject
    ObjectMapper json;

    @Override
    public String eventType() {
        return PublicationWork.PUBLISHED_EVENT;
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        String bearer = "Bearer " + tokens.sign("metrics-service");
        ClientRequestFilter headers = request -> {
            request.getHeaders().putSingle("Authorization", bearer);
            request.getHeaders().putSingle(Caller.WORKSPACE_HEADER, message.workspaceId());
        };
        PublicationsApi client = QuarkusRestClientBuilder.newBuilder().baseUri(metricsUrl)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                .register(headers).build(PublicationsApi.class);
        try {
            client.registerPublication(json.treeToValue(message.payload(), PublicationInput.class), null);
        } finally {
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
