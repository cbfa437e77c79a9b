package io.kogu.audience.imports;

import io.kogu.audience.member.MemberService;
import io.kogu.audience.segment.rule.ValueKind;
import io.kogu.platform.jobs.Job;
import io.kogu.platform.jobs.JobUploads;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Upserts one batch of rows in one transaction and counts them into the job in the same transaction, so that
 * the job's progress is exactly what is stored (and a job taken over resumes right after it). A bad row is
 * checked before anything of it is written, and the batch goes on with the next row.
 */
@ApplicationScoped
public class ImportBatches {

    @Inject
    MemberService members;

    /** The rows' constraints, checked without asking JPA about every property (rows are no entities). */
    @Inject
    io.kogu.platform.validation.PlainValidator validator;

    @Inject
    JobUploads uploads;

    /** The job and its file, committed together: the runner claims it once both are there. */
    @Transactional
    public MemberImport create(String workspaceId, String format, long total, Path upload) {
        MemberImport job = new MemberImport();
        job.id = UUID.randomUUID();
        job.workspaceId = workspaceId;
        job.format = format;
        job.status = MemberImport.QUEUED; // the runner's claim makes it running
        job.total = total;
        job.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.persist();
        try (InputStream file = Files.newInputStream(upload)) {
            uploads.store(job.id, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return job;
    }

    @Inject
    io.kogu.audience.attribute.AttributeService attributes;

    /** The workspace's attribute declarations, which a job looks up once (its rows are checked against them). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<String, ValueKind> kinds(String workspaceId) {
        return attributes.kinds(workspaceId);
    }

    /** The job as it is now (a copy: a run reads its format, workspace and progress). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public MemberImport state(UUID importId) {
        return MemberImport.findById(importId);
    }

    /**
     * Stores one batch. The members its rows name are looked up for the whole batch first (two queries, see
     * {@link MemberService#importLookups}); {@code kinds} are the workspace's attribute declarations, looked up
     * once per job. The members the rows create are stored at the end, with COPY
     * ({@link MemberService#storeCreated}); changes to existing ones go through Hibernate.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void apply(Job claimed, String workspaceId, List<ImportRows.Row> rows, Map<String, ValueKind> kinds) {
        claimed.checkpoint();
        // Without this, every write of a row would flush (and dirty-check) the whole batch so far. Two rows of one
        // batch never claim the same handle (the lookups follow the batch's own changes); should the database
        // still refuse the batch at commit, ImportService retries it row by row.
        MemberImport.getEntityManager().setFlushMode(FlushModeType.COMMIT);
        MemberImport job = MemberImport.findById(claimed.id());
        MemberService.ImportLookups lookups = members.importLookups(workspaceId, kinds,
                rows.stream().map(ImportRows.Row::input).filter(java.util.Objects::nonNull).toList());
        for (ImportRows.Row row : rows) {
            job.processed++;
            if (row.problem() != null) {
                fail(job, row.line(), row.field(), row.problem());
                continue;
            }
            List<ConstraintViolation<Object>> violations = validator.validate((Object) row.input()).stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
            if (!violations.isEmpty()) {
                ConstraintViolation<Object> first = violations.get(0);
                fail(job, row.line(), first.getPropertyPath().toString(), first.getMessage());
                continue;
            }
            try {
                MemberService.Upserted upserted = members.importRow(workspaceId, row.input(), lookups);
                if (upserted.created()) {
                    job.created++;
                } else if (upserted.changed()) {
                    job.updated++;
                } else {
                    job.unchanged++;
                }
            } catch (ProblemException problem) {
                FieldError error = problem.errors().isEmpty() ? null : problem.errors().get(0);
                fail(job, row.line(), error == null ? null : error.field(),
                        error == null ? problem.getMessage() : error.message());
            }
        }
        members.storeCreated(lookups);
    }

    /** Counts a row that could not be stored at all (its batch failed in the database, and so did it alone). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Job claimed, ImportRows.Row row, String message) {
        claimed.checkpoint();
        MemberImport job = MemberImport.findById(claimed.id());
        job.processed++;
        fail(job, row.line(), null, message);
    }

    /** The runner's reason for a job that ended failed (not a row: the failed count stays). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failedWith(UUID importId, String reason) {
        MemberImport job = MemberImport.findById(importId);
        fail(job, 0, null, reason);
        job.failed--;
    }

    private static void fail(MemberImport job, long line, String field, String message) {
        job.failed++;
        if (job.errors.size() < MemberImport.MAX_ERRORS) {
            List<MemberImport.RowError> errors = new java.util.ArrayList<>(job.errors);
            errors.add(new MemberImport.RowError(line, field, message));
            job.errors = errors;
        }
    }
}
