package io.kogu.metrics.event;

import io.kogu.metrics.config.MetricsSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write the batches of NDJSON streams ({@link StreamPipeline}). A pool of their own, not the
 * request workers: a stream's request thread waits for its writes, so writes queued behind waiting requests in
 * one pool could never run. {@code kogu.metrics.ingestion.stream-writers} streams write at the same time; more
 * wait for a writer. It also knows whether a stream is being written here, so that {@link RollupBacklog} gives
 * such streams the larger share of the database.
 */
@ApplicationScoped
public class StreamWriters {

    @Inject
    MetricsSettings settings;

    private ExecutorService pool;
    private final AtomicInteger streaming = new AtomicInteger();

    /** A stream being written, until closed. */
    public interface Streaming extends AutoCloseable {
        @Override
        void close();
    }

    @PostConstruct
    void start() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "stream-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        pool = Executors.newFixedThreadPool(settings.ingestion().streamWriters(), threads);
    }

    ExecutorService pool() {
        return pool;
    }

    /** Marks a stream as being written until the answer is closed. */
    Streaming begin() {
        streaming.incrementAndGet();
        return streaming::decrementAndGet;
    }

    /** Whether a stream is being written on this replica now. */
    boolean streaming() {
        return streaming.get() > 0;
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
