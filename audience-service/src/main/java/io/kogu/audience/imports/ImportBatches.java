package io.kogu.audience.imports;

import io.kogu.audience.member.MemberService;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Upserts one batch of rows in one transaction and counts them into the job in the same transaction, so that
 * the job's progress is exactly what is stored. A bad row is checked before anything of it is written, and
 * the batch goes on with the next row.
 */
@ApplicationScoped
public class ImportBatches {

    @Inject
    MemberService members;

    @Inject
    Validator validator;

    @Transactional
    public MemberImport create(String workspaceId, String format, long total) {
        MemberImport job = new MemberImport();
        job.id = UUID.randomUUID();
        job.workspaceId = workspaceId;
        job.format = format;
        job.status = MemberImport.RUNNING;
        job.total = total;
        job.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.persist();
        return job;
    }

    @Transactional
    public void apply(UUID importId, String workspaceId, List<ImportRows.Row> rows) {
        // Without this, every check of every row would flush (and dirty-check) the whole batch so far. Two rows
        // of one batch that claim the same handle then meet the unique index at commit, and ImportService
        // retries that batch row by row.
        MemberImport.getEntityManager().setFlushMode(FlushModeType.COMMIT);
        MemberImport job = MemberImport.findById(importId);
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
                MemberService.Upserted upserted = members.importRow(workspaceId, row.input());
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
    }

    /** Counts rows that could not be stored at all (their batch failed in the database, and so did they alone). */
    @Transactional
    public void failed(UUID importId, ImportRows.Row row, String message) {
        MemberImport job = MemberImport.findById(importId);
        job.processed++;
        fail(job, row.line(), null, message);
    }

    @Transactional
    public void finish(UUID importId, String status, ImportRows.Row.Problem problem) {
        MemberImport job = MemberImport.findById(importId);
        job.status = status;
        job.finishedAt = Instant.now();
        if (problem != null) {
            fail(job, problem.line(), null, problem.message());
            job.failed--;
        }
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
