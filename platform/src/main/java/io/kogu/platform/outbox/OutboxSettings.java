package io.kogu.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code kogu.outbox.*}: how often the dispatcher looks, how it backs off, and when it gives an event up. */
@ConfigMapping(prefix = "kogu.outbox")
public interface OutboxSettings {

    /** A Quarkus scheduler interval ({@code 1s}), or {@code off} in a service without an outbox and in tests. */
    @WithDefault("off")
    String pollEvery();

    /** How long a claimed event is held by one replica; a dead replica's claim runs out after it. */
    @WithDefault("PT1M")
    Duration lease();

    @WithDefault("PT5S")
    Duration firstRetry();

    @WithDefault("PT1H")
    Duration maxRetry();

    /** An event not delivered this long after it was written (or retried by an admin) becomes a dead letter. */
    @WithDefault("P2D")
    Duration deadAfter();

    /** Events claimed at once. */
    @WithDefault("20")
    int batch();
}
