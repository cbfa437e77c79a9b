package io.kogu.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** One outbox event as a receiver gets it; {@code id} is the event id receivers deduplicate by. */
public record OutboxMessage(UUID id, String workspaceId, String eventType, JsonNode payload, int attempts) {
}
