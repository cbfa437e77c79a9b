package io.kogu.audience.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.client.metrics.AlertsApi;
import io.kogu.audience.client.metrics.model.InboxActivity;
import io.kogu.platform.outbox.Outbox;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox receiver of {@code inbox.activity}: new inbox items and answers, delivered to metrics-service's
 * crisis alerts (POST /v1/inbox-activity, INTERFACES.md D) as the service. metrics-service is idempotent on each
 * item id, so a repeated delivery counts nothing twice.
 */
@ApplicationScoped
public class InboxActivityDelivery implements OutboxReceiver {

    public static final String INBOX_ACTIVITY = "inbox.activity";

    @ConfigProperty(name = "kogu.metrics-url")
    URI metricsUrl;

    @Inject
    ServiceClients clients;

    @Inject
    ObjectMapper json;

    @Inject
    Outbox outbox;

    /** Writes, with the change that made them, the new items and answers for metrics-service (payload: D's body). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(String workspaceId, List<Map<String, Object>> items, List<Map<String, Object>> answers) {
        if (items.isEmpty() && answers.isEmpty()) {
            return;
        }
        outbox.write(UUID.randomUUID(), workspaceId, INBOX_ACTIVITY, Map.of("items", items, "answers", answers));
    }

    @Override
    public String eventType() {
        return INBOX_ACTIVITY;
    }

    /** The items carry fans' texts (personal data): once delivered they have no reason to stay in the outbox. */
    @Override
    public List<String> dropAfterDelivery() {
        return List.of("items");
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        AlertsApi client = clients.build(AlertsApi.class, metricsUrl, "metrics-service",
                message.workspaceId());
        try {
            client.recordInboxActivity(json.treeToValue(message.payload(), InboxActivity.class));
        } finally {
            ServiceClients.close(client);
        }
    }
}
