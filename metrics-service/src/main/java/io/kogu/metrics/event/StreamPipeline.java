package io.kogu.metrics.event;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Takes the batches of one NDJSON stream and checks each (on the calling thread) while the batches before it
 * are being stored (on worker threads, each batch in its own transaction), so that reading, mapping and
 * validating overlap the database writes. Up to {@link #IN_FLIGHT} batches are written at once, so that the
 * database works on both cores while the next batch is read (issue 15); a batch holding counter snapshots is
 * written alone, after those before it, because snapshots become deltas in the order they are stored. Outcomes
 * are counted in the stream's order. Memory holds at most {@code IN_FLIGHT + 1} batches.
 */
final class StreamPipeline implements AutoCloseable {

    /** Batches of one stream written at the same time. */
    static final int IN_FLIGHT = 2;

    private record Writing(EventBatches.Checked batch, CompletableFuture<EventIngestion.Stored> stored,
                           boolean alone) {
    }

    private final EventBatches batches;
    private final String workspaceId;
    private final PublicationDirectory.Lookup publications;
    private final Tally tally;
    private final Executor executor;
    private final Deque<Writing> writing = new ArrayDeque<>();

    StreamPipeline(EventBatches batches, String workspaceId, PublicationDirectory.Lookup publications, Tally tally,
                   Executor executor) {
        this.batches = batches;
        this.workspaceId = workspaceId;
        this.publications = publications;
        this.tally = tally;
        this.executor = executor;
    }

    /** Checks the batch, waits until it may be written (see the class comment), and starts writing it. */
    void submit(List<EventBatches.Item> items) {
        EventBatches.Checked checked = batches.check(items, publications, tally);
        boolean alone = checked.hasSnapshots();
        while (!writing.isEmpty()
                && (alone || writing.size() >= IN_FLIGHT || writing.stream().anyMatch(Writing::alone))) {
            completeOldest();
        }
        writing.addLast(new Writing(checked, CompletableFuture.supplyAsync(
                () -> batches.store(workspaceId, checked, EventIngestion.Rollups.QUEUED), executor), alone));
    }

    /** Waits for every batch being written and counts their outcomes; a failure to store one is thrown here. */
    void finish() {
        while (!writing.isEmpty()) {
            completeOldest();
        }
    }

    private void completeOldest() {
        Writing oldest = writing.removeFirst();
        try {
            batches.record(oldest.batch(), oldest.stored().join(), tally);
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
        for (Writing batch : writing) {
            try {
                batch.stored().join();
            } catch (RuntimeException ignored) {
                // the stream's own failure is the one the caller is handling
            }
        }
        writing.clear();
    }
}
