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
 * wait for a writer.
 */
@ApplicationScoped
public class StreamWriters {

    @Inject
    MetricsSettings settings;

    private ExecutorService pool;

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

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
