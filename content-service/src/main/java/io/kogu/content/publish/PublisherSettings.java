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
     * How long a claim holds without a heartbeat. The replica working on it extends it every
     * {@link #heartbeatEvery()}, so it runs out only when the replica is gone; then another replica takes the
     * publication over: tried again if its network call had not begun or the network makes a repeat safe,
     * {@code unconfirmed} otherwise. A replica that outlives its lease (a long pause) records nothing over the
     * other's decision, except that a post it saw go out is {@code published}.
     */
    @WithDefault("PT30S")
    Duration lease();

    /** How often a replica extends the leases of the claims it works on: well under {@link #lease()}. */
    String heartbeatEvery();

    /** Publications claimed at once by a replica, at most: as many as there are free workers. */
    @WithDefault("20")
    int batch();

    /**
     * Attempts a replica runs at the same time (threads that mostly wait for the network; each holds a database
     * connection only while it reads or records).
     */
    @WithDefault("16")
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
