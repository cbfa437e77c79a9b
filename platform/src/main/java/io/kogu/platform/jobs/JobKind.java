package io.kogu.platform.jobs;

import java.util.UUID;

/**
 * One kind of background job (a service's imports, say): the table its jobs are rows of, and what running one
 * means. The table has the runner's columns (see docs/README.md, "Background jobs"): {@code id uuid},
 * {@code workspace_id} (the job's workspace, in the log context of everything it does), {@code status} (the runner claims {@code queued} and {@code running} rows, and writes {@code running},
 * {@code completed}, {@code failed}), {@code attempts}, {@code lease_owner}, {@code lease_until},
 * {@code last_error}, {@code created_at}, {@code finished_at}. Everything else in the row is the kind's own.
 */
public interface JobKind {

    /** The table of these jobs: a constant of the code, never input. */
    String table();

    /**
     * Works the job through from its committed progress on: a job may have been started before, by this
     * replica or by one that died. Every piece of work is committed together with its progress, in a
     * transaction that calls {@link Job#checkpoint()}, so that nothing is done twice.
     *
     * @throws JobFailed when the job cannot succeed, however often it is tried (the file is unreadable)
     * @throws Exception anything else: the job is tried again later, up to {@code kogu.jobs.max-attempts}
     */
    void run(Job job) throws Exception;

    /**
     * Records why the job failed, in the transaction that marks it {@code failed} (the runner has set its
     * status and finished_at already).
     *
     * @param reason words for the person who started the job
     */
    void failed(UUID jobId, String reason);

    /**
     * The job ended ({@code completed} or {@code failed}), in the transaction that marks it so: where a kind
     * reports it (the import.finished webhook event). Nothing by default.
     */
    default void ended(UUID jobId) {
    }
}
