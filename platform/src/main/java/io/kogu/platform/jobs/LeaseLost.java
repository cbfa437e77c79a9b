package io.kogu.platform.jobs;

import java.util.UUID;

/**
 * The job is no longer this replica's: its lease ran out and another replica took it over, or the replica is
 * stopping and gives it back. Thrown by {@link Job#checkpoint()}, it rolls the transaction back, so the work of
 * that transaction is left to whoever runs the job now.
 */
public class LeaseLost extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseLost(UUID jobId, String why) {
        super("Job " + jobId + ": " + why, null, false, false);
    }
}
