package io.kogu.platform.outbox;

import java.time.Instant;
import java.util.UUID;

/** An event given up on: its type and why, never its payload (it may hold personal data). */
public record OutboxDeadLetter(UUID id, String eventType, Instant createdAt, int attempts, String lastError,
        Instant deadAt) {
}
