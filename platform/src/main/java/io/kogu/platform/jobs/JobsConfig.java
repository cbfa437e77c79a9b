package io.kogu.platform.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The job runner's settings ({@code kogu.jobs.*}); the poll and heartbeat periods are in the scheduler's form. */
@ConfigMapping(prefix = "kogu.jobs")
public interface JobsConfig {

    /** How often every replica looks for jobs to claim ({@code off} stops it, as in tests that call the runner). */
    @WithDefault("1s")
    String pollEvery();

    /** How long a claim holds without a heartbeat; a dead replica's job is taken over once it has run out. */
    @WithDefault("PT1M")
    Duration lease();

    /** How often the leases of running jobs are renewed; well below the lease. */
    @WithDefault("10s")
    String heartbeatEvery();

    /** How many times a job is started before it ends failed (a replica that died while running it counts). */
    @WithDefault("3")
    int maxAttempts();

    /** How long a job that broke waits before it is tried again. */
    @WithDefault("PT30S")
    Duration retryAfter();
}
