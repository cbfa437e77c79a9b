package io.kogu.platform.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code kogu.webhooks.*}: which events a service sends, how deliveries are retried, and the secrets' key. */
@ConfigMapping(prefix = "kogu.webhooks")
public interface WebhookSettings {

    /**
     * The event types this service sends (a subset of {@link WebhookEvents#ALL}); an endpoint may subscribe only to
     * these. Empty: none (the endpoints API still works).
     */
    Optional<List<String>> eventTypes();

    /**
     * When each attempt is made, counted from the one before (the first from the event): Svix's schedule by default.
     * After the last attempt fails the delivery is given up.
     */
    @WithDefault("PT0S,PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retrySchedule();

    /** An endpoint whose every attempt failed for this long (no success in between) is disabled. */
    @WithDefault("P5D")
    Duration disableAfter();

    /** How long the previous secret still signs after a rotation. */
    @WithDefault("PT24H")
    Duration secretOverlap();

    /** How long an endpoint may take to answer one delivery (below the outbox lease). */
    @WithDefault("PT15S")
    Duration timeout();

    /** Endpoints per workspace. */
    @WithDefault("50")
    int maxEndpoints();

    /** Deliveries one "replay since" queues at most. */
    @WithDefault("1000")
    int maxReplay();

    /**
     * AES-256 key (base64 of 32 bytes) that encrypts the endpoints' signing secrets at rest
     * ({@code KOGU_WEBHOOKS_SECRET_KEY}); required outside dev and test, like the idempotency key.
     */
    Optional<String> secretKey();
}
