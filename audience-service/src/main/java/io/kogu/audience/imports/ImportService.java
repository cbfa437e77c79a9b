package io.kogu.audience.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Member imports as jobs: the uploaded file is kept on disk (never in memory), counted, and worked through
 * in batches on a background thread while clients poll the job.
 */
@ApplicationScoped
public class ImportService {

    public static final String CSV = "csv";
    public static final String NDJSON = "ndjson";
    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    // One import at a time per replica: imports are bulk work that should not starve the API of connections.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "member-imports");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    ImportBatches batches;

    @Inject
    ObjectMapper json;

    /** Takes over the uploaded file, creates the job and starts it. */
    public MemberImport start(String workspaceId, String format, Path upload) {
        Path file;
        long total;
        try {
            file = Files.createTempFile("kogu-import-", "." + format);
            Files.move(upload, file, StandardCopyOption.REPLACE_EXISTING);
            total = count(format, file);
        } catch (IOException | RuntimeException e) {
            throw ProblemException.invalid("body", "cannot be read as " + format + ": " + e.getMessage());
        }
        MemberImport job = batches.create(workspaceId, format, total);
        worker.submit(() -> run(job.id, workspaceId, format, file));
        return job;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MemberImport get(String workspaceId, UUID id) {
        return MemberImport.<MemberImport>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("member import", id));
    }

    private void run(UUID importId, String workspaceId, String format, Path file) {
        ImportRows.Row.Problem stopped = null;
        try (ImportRows rows = open(format, file)) {
            List<ImportRows.Row> batch = new ArrayList<>(BATCH);
            while (rows.hasNext()) {
                batch.add(rows.next());
                if (batch.size() == BATCH || !rows.hasNext()) {
                    store(importId, workspaceId, batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        } catch (Exception e) {
            LOG.warnf("Import %s stopped: %s", importId, e.getMessage());
            stopped = new ImportRows.Row.Problem(0, "the file stopped being readable: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Could not delete the file of import %s", importId);
            }
        }
        batches.finish(importId, stopped == null ? MemberImport.COMPLETED : MemberImport.FAILED, stopped);
    }

    private void store(UUID importId, String workspaceId, List<ImportRows.Row> batch) {
        try {
            batches.apply(importId, workspaceId, batch);
        } catch (RuntimeException batchFailed) {
            // The database refused the batch (e.g. two rows racing for one handle): each row alone, so that
            // only the rows at fault are lost.
            for (ImportRows.Row row : batch) {
                try {
                    batches.apply(importId, workspaceId, List.of(row));
                } catch (RuntimeException rowFailed) {
                    batches.failed(importId, row, "could not be stored; check its handles and externalId");
                }
            }
        }
    }

    private ImportRows open(String format, Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSV.equals(format) ? ImportRows.csv(reader, json) : ImportRows.ndjson(reader, json);
    }

    private long count(String format, Path file) throws IOException {
        long rows = 0;
        try (ImportRows reader = open(format, file)) {
            while (reader.hasNext()) {
                reader.next();
                rows++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return rows;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
