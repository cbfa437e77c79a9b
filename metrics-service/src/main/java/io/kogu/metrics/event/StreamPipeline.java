package io.kogu.metrics.event;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Takes the batches of one NDJSON stream and checks each (on the calling thread) while the batch before it is
 * being stored (on a worker thread), so that reading, mapping and validating overlap the database writes. One
 * batch is stored at a time, in the stream's order; memory holds at most two batches.
 */
final class StreamPipeline implements AutoCloseable {

    private final EventBatches batches;
    private final String workspaceId;
    private final PublicationDirectory.Lookup publications;
    private final Tally tally;
    private final Executor executor;
    private EventBatches.Checked storingBatch;
    private CompletableFuture<EventIngestion.Stored> storing;

    StreamPipeline(EventBatches batches, String workspaceId, PublicationDirectory.Lookup publications, Tally tally,
                   Executor executor) {
        this.batches = batches;
        this.workspaceId = workspaceId;
        this.publications = publications;
        this.tally = tally;
        this.executor = executor;
    }

    /** Checks the batch, waits for the one before it to be stored, and starts storing this one. */
    void submit(List<EventBatches.Item> items) {
        EventBatches.Checked checked = batches.check(items, publications, tally);
        finish();
        storingBatch = checked;
        storing = CompletableFuture.supplyAsync(
                () -> batches.store(workspaceId, checked, EventIngestion.Rollups.QUEUED), executor);
    }

    /** Waits for the batch being stored and counts its outcome; a failure to store it is thrown here. */
    void finish() {
        if (storing == null) {
            return;
        }
        CompletableFuture<EventIngestion.Stored> stored = storing;
        storing = null;
        try {
            batches.record(storingBatch, stored.join(), tally);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** When the stream failed before {@link #finish()}: the answer waits until no write is under way. */
    @Override
    public void close() {
        if (storing != null) {
            try {
                storing.join();
            } catch (RuntimeException ignored) {
                // the stream's own failure is the one the caller is handling
            }
        }
    }
}
