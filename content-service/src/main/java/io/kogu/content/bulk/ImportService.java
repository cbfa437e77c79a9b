package io.kogu.content.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.draft.DraftContent;
import io.kogu.platform.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Imports of drafts: a job is stored with its file and runs in the background once its transaction commits.
 * Rows are checked one by one and written in chunks; a chunk that fails as a whole is written again row by
 * row, so that every row is all-or-nothing and one bad row never takes others with it.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final int CHUNK = 500;
    static final int MAX_ROWS = 50_000;

    @Inject
    DraftWriter writer;

    @Inject
    ChannelService channels;

    @Inject
    ObjectMapper json;

    @Inject
    Event<Queued> queued;

    @Inject
    ImportProgress progress;

    private final ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "draft-import");
        thread.setDaemon(true);
        return thread;
    });

    record Queued(UUID jobId) {
    }

    @Transactional
    public ImportJob start(String workspaceId, String author, String format, String payload) {
        if (payload == null || payload.isBlank()) {
            throw ProblemException.invalid("body", "the file is empty");
        }
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.workspaceId = workspaceId;
        job.createdBy = author;
        job.format = format;
        job.status = ImportJob.QUEUED;
        job.payload = payload;
        job.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.persist();
        queued.fire(new Queued(job.id));
        return job;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ImportJob get(String workspaceId, UUID id) {
        return ImportJob.<ImportJob>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("import", id));
    }

    void runAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued event) {
        workers.submit(() -> run(event.jobId()));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    void run(UUID jobId) {
        try {
            ImportJob job = progress.begin(jobId);
            ImportFiles.Parsed parsed = "csv".equals(job.format) ? ImportFiles.csv(job.payload)
                    : ImportFiles.ndjson(job.payload, json);
            if (parsed.total() > MAX_ROWS) {
                progress.fail(jobId, "The file has " + parsed.total() + " rows; at most " + MAX_ROWS + " per import");
                return;
            }
            progress.total(jobId, parsed.total(), parsed.unreadable());
            Set<UUID> workspaceChannels = new HashSet<>();
            channels.all(job.workspaceId).forEach(c -> workspaceChannels.add(c.id));
            List<ImportRow> rows = parsed.rows();
            for (int start = 0; start < rows.size(); start += CHUNK) {
                List<ImportRow> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
                List<ImportJob.RowError> errors = new ArrayList<>();
                int created = write(job, chunk, workspaceChannels, errors);
                progress.advance(jobId, chunk.size(), created, errors);
            }
            progress.complete(jobId);
        } catch (IOException e) {
            progress.fail(jobId, "The file cannot be read as " + "CSV: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import %s broke", jobId);
            progress.fail(jobId, "The import broke on our side; the rows counted as created are saved");
        }
    }

    private int write(ImportJob job, List<ImportRow> chunk, Set<UUID> workspaceChannels, List<ImportJob.RowError> errors) {
        List<ImportRow> good = new ArrayList<>();
        List<DraftContent> contents = new ArrayList<>();
        for (ImportRow row : chunk) {
            try {
                contents.add(RowChecker.check(row, workspaceChannels));
                good.add(row);
            } catch (RowChecker.BadRow bad) {
                errors.add(new ImportJob.RowError(row.line(), bad.getMessage()));
            }
        }
        if (contents.isEmpty()) {
            return 0;
        }
        try {
            writer.create(job.workspaceId, job.createdBy, contents);
            return contents.size();
        } catch (RuntimeException chunkFailed) {
            // Find the rows that fail on their own; the others are written one by one.
            int created = 0;
            for (int i = 0; i < contents.size(); i++) {
                try {
                    writer.create(job.workspaceId, job.createdBy, List.of(contents.get(i)));
                    created++;
                } catch (RuntimeException rowFailed) {
                    errors.add(new ImportJob.RowError(good.get(i).line(), "could not be saved"));
                }
            }
            errors.sort(Comparator.comparingInt(ImportJob.RowError::line));
            return created;
        }
    }
}
