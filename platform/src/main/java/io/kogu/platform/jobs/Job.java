package io.kogu.platform.jobs;

import java.util.UUID;

/** A job this replica has claimed, while it runs. */
public final class Job {

    private final JobRunner runner;
    private final JobKind kind;
    private final UUID id;
    private final String workspaceId;
    private final UUID leaseOwner;
    private final int attempt;

    Job(JobRunner runner, JobKind kind, UUID id, String workspaceId, UUID leaseOwner, int attempt) {
        this.runner = runner;
        this.kind = kind;
        this.id = id;
        this.workspaceId = workspaceId;
        this.leaseOwner = leaseOwner;
        this.attempt = attempt;
    }

    public UUID id() {
        return id;
    }

    /** The workspace the job works for. */
    public String workspaceId() {
        return workspaceId;
    }

    /** 1 for the first run, more when the job is tried again or taken over. */
    public int attempt() {
        return attempt;
    }

    JobKind kind() {
        return kind;
    }

    UUID leaseOwner() {
        return leaseOwner;
    }

    /**
     * Call first in every transaction that commits a piece of the job's work with its progress. Renews the
     * lease and locks the job's row until the commit, so that no other replica can take the job over in
     * between; throws {@link LeaseLost} (rolling the transaction back) when the job is no longer this
     * replica's. Needs an active transaction.
     */
    public void checkpoint() {
        runner.checkpoint(this);
    }
}
