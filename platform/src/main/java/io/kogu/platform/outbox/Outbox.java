package io.kogu.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Writes an event to the service's {@code outbox} table inside the business transaction (MANDATORY): the event
 * exists if and only if the change it reports was committed. {@link OutboxDispatcher} delivers it. Each service
 * creates the table in its own migration (content-service V8, audience-service V4 and V8; the trace_parent and
 * request_id columns: content-service V18, audience-service V12, metrics-service V9).
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void write(UUID eventId, String workspaceId, String eventType, Object payload) {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox payload of " + eventType + " cannot be written as JSON", e);
        }
        // The request's trace and id travel with the event, so that its delivery continues them (TraceContext).
        TraceContext.Captured context = TraceContext.capture();
        entityManager.createNativeQuery("""
                        insert into outbox (id, workspace_id, event_type, payload, created_at, next_attempt_at, trace_parent,
                            request_id)
                        values (:id, :workspace, :type, cast(:payload as jsonb), clock_timestamp(), clock_timestamp(),
                            :traceParent, :requestId)""")
                .setParameter("id", eventId).setParameter("workspace", workspaceId).setParameter("type", eventType)
                .setParameter("payload", body).setParameter("traceParent", context.traceParent())
                .setParameter("requestId", context.requestId()).executeUpdate();
    }
}
