package io.kogu.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** One delivery of the log (common.yaml {@code WebhookDelivery}). */
public record WebhookDeliveryView(UUID id, UUID endpointId, UUID eventId, String eventType, String status, int attempts,
                                  Integer responseStatus, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
                                  Instant succeededAt, UUID replayOf, Instant createdAt, JsonNode payload) {
}
