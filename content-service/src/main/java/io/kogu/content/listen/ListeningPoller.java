package io.kogu.content.listen;

import io.kogu.platform.outbound.OutboundHttp;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Polls the listening sources; runs in every replica. Each run claims due sources ({@link ListeningWork#claim}:
 * {@code FOR UPDATE SKIP LOCKED}, a lease, one per host), fetches them {@code concurrency} at a time through the
 * outbound guard ({@link FeedFetcher}), and records each fetch in a transaction of its own. Nothing lives only in
 * memory: a replica that dies leaves claims whose leases run out, and another replica fetches those sources.
 */
@ApplicationScoped
public class ListeningPoller {

    private static final Logger LOG = Logger.getLogger(ListeningPoller.class);

    @Inject
    ListeningWork work;

    @Inject
    ListeningSettings settings;

    @Inject
    OutboundHttp http;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final String replica = "listener-" + UUID.randomUUID();
    private FeedFetcher fetcher;
    private ExecutorService fetches;

    @PostConstruct
    void start() {
        fetcher = new FeedFetcher(http, json, settings.maxBytes(), settings.deadline());
        fetches = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), runnable -> {
            Thread thread = new Thread(runnable, "kogu-listening-fetch");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stop(@Observes ShutdownEvent event) {
        fetches.shutdownNow();
    }

    @Scheduled(identity = "kogu-listening", every = "{kogu.listening.poll-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            pollDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The listening poller's run failed; the next run tries again");
        }
    }

    /** Fetches every source due now, batch after batch; answers how many fetches were made. */
    public int pollDue() {
        int fetched = 0;
        List<ListeningWork.Claim> claims;
        do {
            claims = work.claim(replica + "/" + UUID.randomUUID(), clock.instant(), settings.batch());
            List<Future<?>> running = new ArrayList<>();
            for (ListeningWork.Claim claim : claims) {
                running.add(fetches.submit(() -> fetchOne(claim)));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fetched;
                } catch (ExecutionException e) {
                    LOG.errorf(e.getCause(), "A listening fetch failed unexpectedly");
                }
            }
            fetched += claims.size();
        } while (!claims.isEmpty());
        return fetched;
    }

    private void fetchOne(ListeningWork.Claim claim) {
        Instant started = clock.instant();
        FetchResult result;
        try {
            result = fetcher.fetch(claim.target());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Fetching source %s failed unexpectedly", claim.sourceId());
            result = new FetchResult.Failed(null, "Kogu failed while reading the source (" + e.getClass().getSimpleName()
                    + ")", false);
        }
        work.record(claim, result, started, clock.instant());
    }
}
