package io.kogu.audience.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.client.metrics.PrivacyApi;
import io.kogu.audience.client.metrics.model.MemberErasure;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;

/**
 * The outbox receiver of {@code member.erased}: delivers a member erasure to metrics-service (POST
 * /v1/member-erasures, its generated client) as the service (a service token for metrics-service only), naming
 * the workspace. Bounded: a call that hangs counts as a failed attempt and is retried later.
 */
@ApplicationScoped
public class MetricsErasures implements OutboxReceiver {

    public static final String MEMBER_ERASED = "member.erased";

    @ConfigProperty(name = "kogu.metrics-url")
    URI metricsUrl;

    @Inject
    ServiceClients clients;

    @Inject
    ObjectMapper json;

    @Override
    public String eventType() {
        return MEMBER_ERASED;
    }

    /** Once delivered, the handles (personal data) have no reason to stay. */
    @Override
    public List<String> dropAfterDelivery() {
        return List.of("handles");
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        deliver(message.workspaceId(), message.payload());
    }

    private void deliver(String workspaceId, JsonNode payload) throws Exception {
        PrivacyApi client = clients.build(PrivacyApi.class, metricsUrl, "metrics-service", workspaceId);
        try {
            client.receiveMemberErasure(json.treeToValue(payload, MemberErasure.class));
        } finally {
            ServiceClients.close(client);
        }
    }
}
