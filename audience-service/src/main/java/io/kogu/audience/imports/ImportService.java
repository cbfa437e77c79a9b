package io.kogu.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.segment.rule.ValueKind;
import io.kogu.platform.jobs.Job;
import io.kogu.platform.jobs.JobFailed;
import io.kogu.platform.jobs.JobKind;
import io.kogu.platform.jobs.JobUploads;
import io.kogu.platform.jobs.LeaseLost;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Member imports as jobs of the platform runner. The upload is read once in the request (its rows counted, not
 * parsed, and refused with a 400 naming the line if it cannot be read: malformed UTF-8, a line too long, a broken
 * CSV quote), then
 * stored in the database with its job (streamed, never whole in memory) and worked through in batches by
 * whichever replica claims the job. Each batch is stored with its progress in one transaction; a job taken over
 * from a replica that died skips the rows its progress counts as done.
 */
@ApplicationScoped
public class ImportService implements JobKind {

    public static final String CSV = "csv";
    public static final String NDJSON = "ndjson";
    static final int BATCH = 500;

    @Inject
    ImportBatches batches;

    @Inject
    JobUploads uploads;

    @Inject
    ObjectMapper json;

    /** Counts the uploaded file, then stores it with a new job, which any replica then runs. */
    public MemberImport start(String workspaceId, String format, Path upload) {
        long total;
        try {
            total = count(format, upload);
        } catch (IOException | RuntimeException e) {
            throw ProblemException.invalid("body", "cannot be read as " + format + ": " + e.getMessage());
        }
        return batches.create(workspaceId, format, total, upload);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MemberImport get(String workspaceId, UUID id) {
        return MemberImport.<MemberImport>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("member import", id));
    }

    @jakarta.inject.Inject
    io.kogu.platform.webhooks.ImportWebhooks importWebhooks;

    /** import.finished to the workspace's webhook endpoints. */
    @Override
    public void ended(UUID jobId) {
        importWebhooks.finished(table(), "members", jobId);
    }

    @Override
    public String table() {
        return "member_import";
    }

    @Override
    public void failed(UUID jobId, String reason) {
        batches.failedWith(jobId, reason);
    }

    @Override
    public void run(Job job) throws IOException {
        MemberImport state = batches.state(job.id());
        Map<String, ValueKind> kinds = batches.kinds(state.workspaceId);
        try (ImportRows rows = ImportRows.open(state.format, uploads.open(job.id()), json)) {
            for (long done = 0; done < state.processed && rows.hasNext(); done++) {
                rows.next();
            }
            List<ImportRows.Row> batch = new ArrayList<>(BATCH);
            while (rows.hasNext()) {
                batch.add(rows.next());
                if (batch.size() == BATCH || !rows.hasNext()) {
                    store(job, state.workspaceId, batch, kinds);
                    batch = new ArrayList<>(BATCH);
                }
            }
        } catch (UncheckedIOException e) {
            // Read once already when it was uploaded; a file that stops being readable now will not get better.
            throw new JobFailed("the file stopped being readable: " + e.getCause().getMessage());
        }
    }

    private void store(Job job, String workspaceId, List<ImportRows.Row> batch, Map<String, ValueKind> kinds) {
        try {
            batches.apply(job, workspaceId, batch, kinds);
        } catch (LeaseLost lost) {
            throw lost;
        } catch (RuntimeException batchFailed) {
            // The database refused the batch (e.g. two rows racing for one handle): each row alone, so that
            // only the rows at fault are lost.
            for (ImportRows.Row row : batch) {
                try {
                    batches.apply(job, workspaceId, List.of(row), kinds);
                } catch (LeaseLost lost) {
                    throw lost;
                } catch (RuntimeException rowFailed) {
                    batches.failed(job, row, "could not be stored; check its handles and externalId");
                }
            }
        }
    }

    /**
     * The rows of the file, counted without mapping them (the job parses each row once): the same reading as the
     * job's (strict UTF-8, bounded lines, CSV quotes), so a file the job could not read is refused here.
     */
    private long count(String format, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ImportRows.count(format, in);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
