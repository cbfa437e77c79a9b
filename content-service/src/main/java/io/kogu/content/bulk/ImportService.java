package io.kogu.content.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.draft.DraftContent;
import io.kogu.platform.jobs.Job;
import io.kogu.platform.jobs.JobFailed;
import io.kogu.platform.jobs.JobKind;
import io.kogu.platform.jobs.JobUploads;
import io.kogu.platform.jobs.LeaseLost;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Imports of drafts, as jobs of the platform runner: a job is stored with its file (in the database) and any
 * replica runs it. The file is read twice, record by record: once to count the rows, once to work through them
 * in chunks, each written with its progress in one transaction. A job taken over from a replica that died skips
 * the records its progress counts as done. A chunk that fails as a whole is written again record by record, so
 * that every row is all-or-nothing and one bad row never takes others with it.
 */
@ApplicationScoped
public class ImportService implements JobKind {

    static final int CHUNK = 500;
    static final int MAX_ROWS = 50_000;

    @Inject
    ChannelService channels;

    @Inject
    ObjectMapper json;

    @Inject
    ImportProgress progress;

    @Inject
    JobUploads uploads;

    @Inject
    Validator validator;

    /** Creates the job and stores its file, in the caller's transaction: the runner sees both or neither. */
    @Transactional(rollbackOn = IOException.class)
    public ImportJob start(String workspaceId, String author, String format, InputStream file) throws IOException {
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.workspaceId = workspaceId;
        job.createdBy = author;
        job.format = format;
        job.status = ImportJob.QUEUED;
        job.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.persist();
        uploads.store(job.id, file);
        return job;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ImportJob get(String workspaceId, UUID id) {
        return ImportJob.<ImportJob>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("import", id));
    }

    @jakarta.inject.Inject
    io.kogu.platform.webhooks.ImportWebhooks importWebhooks;

    /** import.finished to the workspace's webhook endpoints. */
    @Override
    public void ended(UUID jobId) {
        importWebhooks.finished(table(), "drafts", jobId);
    }

    @Override
    public String table() {
        return "import_job";
    }

    @Override
    public void failed(UUID jobId, String reason) {
        progress.failed(jobId, reason);
    }

    @Override
    public void run(Job job) throws IOException {
        ImportProgress.State state = progress.state(job.id());
        progress.total(job, count(job.id(), state.format()));
        Set<UUID> workspaceChannels = new HashSet<>();
        channels.all(state.workspaceId()).forEach(c -> workspaceChannels.add(c.id));
        try (ImportFiles file = ImportFiles.open(state.format(), uploads.open(job.id()), json)) {
            for (int skipped = 0; skipped < state.processed(); skipped++) {
                if (file.next() == null) {
                    return;
                }
            }
            List<ImportFiles.Item> chunk = new ArrayList<>(CHUNK);
            while (true) {
                ImportFiles.Item item;
                try {
                    item = file.next();
                } catch (ImportFiles.Unreadable unreadable) {
                    write(job, chunk, workspaceChannels);
                    // NDJSON: the rows before the line are in; the line is a bad row, and the job ends there.
                    progress.commit(job, List.of(), 1, List.of(new ImportJob.RowError(unreadable.line, unreadable.getMessage())));
                    throw new JobFailed("The file cannot be read from line " + unreadable.line + " on: "
                            + unreadable.getMessage() + "; the rows before it were imported");
                }
                if (item == null) {
                    break;
                }
                chunk.add(item);
                if (chunk.size() == CHUNK) {
                    write(job, chunk, workspaceChannels);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            write(job, chunk, workspaceChannels);
        } catch (ImportFiles.Unreadable unreadable) {
            // Skipping what was done met the line that stopped an earlier run: that run reported it already.
            throw new JobFailed("The file cannot be read from line " + unreadable.line + " on: " + unreadable.getMessage());
        }
    }

    /**
     * Counts the records of the file. A CSV file that cannot be read to its end fails the job (with the line);
     * in NDJSON the line where reading stops counts as the last row (it is reported as bad).
     */
    private int count(UUID jobId, String format) throws IOException {
        int rows = 0;
        try (ImportFiles file = ImportFiles.open(format, uploads.open(jobId), json)) {
            while (file.next() != null) {
                if (++rows > MAX_ROWS) {
                    throw new JobFailed("The file has more than " + MAX_ROWS + " rows; at most " + MAX_ROWS + " per import");
                }
            }
        } catch (ImportFiles.Unreadable unreadable) {
            if ("csv".equals(format)) {
                throw new JobFailed("The file cannot be read as CSV: " + unreadable.getMessage());
            }
            rows++;
        }
        return rows;
    }

    private void write(Job job, List<ImportFiles.Item> chunk, Set<UUID> workspaceChannels) {
        if (chunk.isEmpty()) {
            return;
        }
        List<DraftContent> drafts = new ArrayList<>();
        List<ImportJob.RowError> errors = new ArrayList<>();
        List<DraftContent> perItem = new ArrayList<>();
        for (ImportFiles.Item item : chunk) {
            DraftContent content = null;
            if (item.row() == null) {
                errors.add(new ImportJob.RowError(item.line(), item.problem()));
            } else {
                try {
                    content = RowChecker.check(item.row(), workspaceChannels, validator);
                    drafts.add(content);
                } catch (RowChecker.BadRow bad) {
                    errors.add(new ImportJob.RowError(item.line(), bad.getMessage()));
                }
            }
            perItem.add(content);
        }
        try {
            progress.commit(job, drafts, chunk.size(), errors);
        } catch (LeaseLost lost) {
            throw lost;
        } catch (RuntimeException chunkFailed) {
            // Find the rows that fail on their own; the others are written one by one, each with its progress.
            for (int i = 0; i < chunk.size(); i++) {
                ImportFiles.Item item = chunk.get(i);
                DraftContent content = perItem.get(i);
                List<ImportJob.RowError> own = errors.stream().filter(e -> e.line() == item.line()).toList();
                if (content == null) {
                    progress.commit(job, List.of(), 1, own);
                    continue;
                }
                try {
                    progress.commit(job, List.of(content), 1, List.of());
                } catch (LeaseLost lost) {
                    throw lost;
                } catch (RuntimeException rowFailed) {
                    progress.commit(job, List.of(), 1, List.of(new ImportJob.RowError(item.line(), "could not be saved")));
                }
            }
        }
    }
}
