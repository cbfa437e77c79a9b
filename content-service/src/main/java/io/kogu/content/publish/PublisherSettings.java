package io.kogu.content.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code kogu.publisher.*}: how the publisher claims, retries and gives up. */
@ConfigMapping(prefix = "kogu.publisher")
public interface PublisherSettings {

    /** How often each replica looks for due publications ({@code off} stops the publisher). */
    @WithDefault("1s")
    String pollEvery();

    /**
     * How long a claim holds: longer than any attempt can take (the outbound guard's time limits bound each call).
     * A publication still {@code publishing} after it had its replica die: its outcome is unknown.
     */
    @WithDefault("PT5M")
    Duration lease();

    /** Publications claimed at once by a replica. */
    @WithDefault("20")
    int batch();

    /** Attempts a replica runs at the same time. */
    @WithDefault("8")
    int workers();

    /** Attempts in one round (a person's retry starts a new round); then the publication has failed. */
    @WithDefault("5")
    int maxAttempts();

    /** The wait after the first retried failure, doubling each time, at most {@link #maxRetry()}. */
    @WithDefault("PT30S")
    Duration firstRetry();

    @WithDefault("PT15M")
    Duration maxRetry();
}
