package io.kogu.content.bulk;

import io.kogu.content.draft.DraftContent;
import io.kogu.platform.jobs.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The state of import jobs. Every change is committed at once (a client polling the job sees it), and the
 * drafts of a chunk are committed in the same transaction as the progress that counts them: {@code processed}
 * is exactly the number of records of the file that are done, and a job taken over resumes after them.
 */
@ApplicationScoped
public class ImportProgress {

    @Inject
    DraftWriter writer;

    /** What a run needs to know of its job. */
    record State(String workspaceId, String createdBy, String format, int processed) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public State state(UUID jobId) {
        ImportJob job = ImportJob.findById(jobId);
        return new State(job.workspaceId, job.createdBy, job.format, job.processed);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void total(Job claimed, int total) {
        claimed.checkpoint();
        ImportJob.<ImportJob>findById(claimed.id()).total = total;
    }

    /**
     * Writes the drafts of {@code records} records of the file and counts them done, in one transaction.
     *
     * @param errors the records among them that are bad
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void commit(Job claimed, List<DraftContent> drafts, int records, List<ImportJob.RowError> errors) {
        claimed.checkpoint();
        ImportJob job = ImportJob.findById(claimed.id());
        if (!drafts.isEmpty()) {
            writer.create(job.workspaceId, job.createdBy, drafts);
        }
        job.processed += records;
        job.created += drafts.size();
        job.failed += errors.size();
        addErrors(job, errors);
    }

    /** The runner's reason, for a job that ended failed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(UUID jobId, String message) {
        ImportJob.<ImportJob>findById(jobId).message = message;
    }

    private static void addErrors(ImportJob job, List<ImportJob.RowError> errors) {
        if (errors.isEmpty() || job.errors.size() >= ImportJob.MAX_ERRORS) {
            return;
        }
        List<ImportJob.RowError> all = new ArrayList<>(job.errors);
        all.addAll(errors.subList(0, Math.min(errors.size(), ImportJob.MAX_ERRORS - all.size())));
        all.sort(Comparator.comparingInt(ImportJob.RowError::line));
        job.errors = all;
    }
}
