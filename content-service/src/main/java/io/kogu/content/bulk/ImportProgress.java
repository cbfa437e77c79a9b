package io.kogu.content.bulk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The state of import jobs, each change committed at once so that a client polling the job sees it. */
@ApplicationScoped
public class ImportProgress {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ImportJob begin(UUID jobId) {
        ImportJob job = ImportJob.findById(jobId);
        job.status = ImportJob.RUNNING;
        job.payload.length(); // loads the lazy file inside the transaction
        return job;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void total(UUID jobId, int total, List<ImportJob.RowError> unreadable) {
        ImportJob job = ImportJob.findById(jobId);
        job.total = total;
        addErrors(job, unreadable);
        job.processed += unreadable.size();
        job.failed += unreadable.size();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void advance(UUID jobId, int processed, int created, List<ImportJob.RowError> errors) {
        ImportJob job = ImportJob.findById(jobId);
        job.processed += processed;
        job.created += created;
        job.failed += errors.size();
        addErrors(job, errors);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(UUID jobId) {
        finish(ImportJob.findById(jobId), ImportJob.COMPLETED, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(UUID jobId, String message) {
        finish(ImportJob.findById(jobId), ImportJob.FAILED, message);
    }

    private static void finish(ImportJob job, String status, String message) {
        job.status = status;
        job.message = message;
        job.payload = null;
        job.finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static void addErrors(ImportJob job, List<ImportJob.RowError> errors) {
        if (errors.isEmpty() || job.errors.size() >= ImportJob.MAX_ERRORS) {
            return;
        }
        List<ImportJob.RowError> all = new ArrayList<>(job.errors);
        all.addAll(errors.subList(0, Math.min(errors.size(), ImportJob.MAX_ERRORS - all.size())));
        all.sort(java.util.Comparator.comparingInt(ImportJob.RowError::line));
        job.errors = all;
    }
}
