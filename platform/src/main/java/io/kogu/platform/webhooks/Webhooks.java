package io.kogu.platform.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a service reports that something happened ({@link #emit}), inside the transaction of the change: one
 * delivery row per enabled endpoint of the workspace that subscribes to the type (the delivery log), and for each an
 * outbox row of type {@link #DELIVERY} with the delivery's id, which the outbox dispatcher hands to
 * {@link WebhookSender}. So the event is sent if and only if the change was committed, by the one outbox mechanism,
 * retried on the webhook schedule. A workspace without endpoints costs one indexed query.
 */
@ApplicationScoped
public class Webhooks {

    /** The outbox event type of one webhook delivery (its id is the delivery's id). */
    public static final String DELIVERY = "webhook.delivery";

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    WebhookClock clock;

    /** Queues {@code type} with {@code data} (a record or map, written as the event's {@code data}) for delivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(String workspaceId, String type, Object data) {
        if (!WebhookEvents.ALL.containsKey(type)) {
            throw new IllegalArgumentException("Not a webhook event type of the catalogue: " + type);
        }
        @SuppressWarnings("unchecked")
        List<UUID> endpoints = entityManager.createNativeQuery("""
                        select id from webhook_endpoint
                        where workspace_id = :workspace and enabled and event_types @> jsonb_build_array(cast(:type as text))""",
                        UUID.class)
                .setParameter("workspace", workspaceId).setParameter("type", type).getResultList();
        if (endpoints.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.put("timestamp", now.toString());
        event.put("workspaceId", workspaceId);
        event.set("data", json.valueToTree(data));
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook event of " + type + " cannot be written as JSON", e);
        }
        UUID eventId = UUID.randomUUID();
        for (UUID endpoint : endpoints) {
            queue(workspaceId, endpoint, eventId, type, body, null, now);
        }
    }

    /** One delivery and its outbox row; {@code replayOf} the delivery it repeats, or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    UUID queue(String workspaceId, UUID endpointId, UUID eventId, String type, String body, UUID replayOf, Instant now) {
        UUID deliveryId = UUID.randomUUID();
        Params.typed(entityManager.createNativeQuery("""
                        insert into webhook_delivery (id, workspace_id, endpoint_id, event_id, event_type, payload, status,
                                                      attempts, next_attempt_at, replay_of, created_at)
                        values (:id, :workspace, :endpoint, :event, :type, cast(:payload as jsonb), 'pending', 0, :now,
                                :replayOf, :now)""")
                .setParameter("id", deliveryId).setParameter("workspace", workspaceId).setParameter("endpoint", endpointId)
                .setParameter("event", eventId).setParameter("type", type).setParameter("payload", body)
                .setParameter("now", now.atOffset(ZoneOffset.UTC)), "replayOf", replayOf, UUID.class).executeUpdate();
        outbox.write(deliveryId, workspaceId, DELIVERY, Map.of("endpointId", endpointId.toString()));
        return deliveryId;
    }
}
