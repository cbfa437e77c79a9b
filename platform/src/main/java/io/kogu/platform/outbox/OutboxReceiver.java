package io.kogu.platform.outbox;

import java.time.Duration;
import java.util.List;

/**
 * Delivers the outbox events of one type (a CDI bean per type). A delivery that throws is retried with backoff
 * until the event becomes a dead letter; the other side must accept a repeat (receivers deduplicate by the event
 * id), because an answer can be lost after the other side acted.
 */
public interface OutboxReceiver {

    String eventType();

    void deliver(OutboxMessage message) throws Exception;

    /**
     * The wait before the next attempt after attempt number {@code attempts} failed, for receivers with a schedule
     * of their own (webhooks); null: the dispatcher's exponential backoff ({@code kogu.outbox.first-retry} …).
     */
    default Duration retryAfter(int attempts) {
        return null;
    }

    /** Top-level payload fields dropped once delivered (personal data that has no reason to stay). */
    default List<String> dropAfterDelivery() {
        return List.of();
    }
}
