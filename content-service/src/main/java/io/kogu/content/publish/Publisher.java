package io.kogu.content.publish;

import io.kogu.content.channel.ChannelSuccesses;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes due publications; runs in every replica. Each run claims a batch in PostgreSQL
 * ({@link PublicationWork#claim}: {@code FOR UPDATE SKIP LOCKED} and a lease), makes the attempts on a few
 * worker threads, each call to the network outside any transaction, and records each outcome in a transaction of
 * its own. What is retried, and why, is in docs/content.md ("Publishing").
 */
@ApplicationScoped
public class Publisher {

    private static final Logger LOG = Logger.getLogger(Publisher.class);

    @Inject
    PublicationWork work;

    @Inject
    Connectors connectors;

    @Inject
    PublisherSettings settings;

    @Inject
    PublishingMeters meters;

    @Inject
    Clock clock;

    @Inject
    ChannelSuccesses channelSuccesses;

    private final String replica = replicaName();
    /** The claim tokens of the batches this replica is working on: their leases are kept alive. */
    private final java.util.Set<String> working = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile ExecutorService pool;

    @Scheduled(every = "{kogu.publisher.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            publishDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The publisher's run failed; the next run tries again");
        } finally {
            meters.measure();
        }
    }

    /**
     * Extends the leases of the claims this replica is working on, so that a lease runs out only when its replica
     * is gone (or cannot reach the database): the lease can then be short, and a dead replica's work is taken over
     * soon.
     */
    @Scheduled(every = "{kogu.publisher.heartbeat-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        if (working.isEmpty()) {
            return;
        }
        try {
            work.extendLeases(List.copyOf(working), clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not extend the leases of this replica's publications; the next heartbeat tries again");
        }
    }

    /**
     * Publishes what is due now; answers how many publications were attempted. The workers are kept busy: as
     * soon as some are free, as many due publications are claimed (at most {@code batch} at once), until nothing
     * more is due; then the run waits for the attempts still going. One claim token per run, kept alive by the
     * heartbeat.
     */
    public int publishDue() {
        int workers = Math.max(1, settings.workers());
        Semaphore free = new Semaphore(workers);
        String token = replica + "/" + UUID.randomUUID();
        working.add(token);
        int attempted = 0;
        try {
            while (true) {
                free.acquire();
                int wanted = Math.min(settings.batch(), 1 + free.drainPermits());
                List<PublicationWork.Claim> claims;
                try {
                    claims = work.claim(token, clock.instant(), wanted);
                } catch (RuntimeException e) {
                    free.release(wanted);
                    throw e;
                }
                free.release(wanted - claims.size());
                for (PublicationWork.Claim claim : claims) {
                    try {
                        pool().submit(() -> {
                            try {
                                attempt(claim);
                            } catch (RuntimeException e) {
                                LOG.errorf(e, "A publication attempt failed unexpectedly");
                            } finally {
                                free.release();
                            }
                        });
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        // The service is stopping: the claim's lease runs out and another replica takes it over.
                        free.release();
                    }
                }
                attempted += claims.size();
                if (claims.size() < wanted) {
                    break; // nothing more is due now
                }
            }
            free.acquire(workers); // the attempts still going
            free.release(workers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            working.remove(token);
        }
        return attempted;
    }

    void attempt(PublicationWork.Claim claim) {
        Connector connector = connectors.forNetwork(claim.network()).orElse(null);
        if (claim.takenOver() && !work.interrupted(claim, connector != null && connector.repeatIsSafe())) {
            return;
        }
        Instant started = clock.instant();
        PublicationWork.Prepared prepared;
        try {
            prepared = work.prepare(claim);
        } catch (PublishFailure failure) {
            work.record(claim, null, new PublicationWork.Result(started, null, failure, false));
            return;
        }
        if (prepared == null) {
            return; // taken over by another replica after this one's lease ran out: it decides
        }
        PublicationWork.Result result = call(prepared, started);
        work.record(claim, prepared, result);
        if (result.published() != null) {
            channelSuccesses.succeeded(prepared.account().channelId(), clock.instant());
        }
    }

    /** The network call: once, and once more after renewing access when the network says it is expired. */
    private PublicationWork.Result call(PublicationWork.Prepared prepared, Instant started) {
        boolean refreshed = false;
        while (true) {
            try {
                Published published = prepared.connector().publish(prepared.post(), prepared.account());
                return new PublicationWork.Result(started, published, null, refreshed);
            } catch (PublishFailure failure) {
                if (failure.outcome() != PublishFailure.Outcome.UNAUTHORIZED || refreshed) {
                    return new PublicationWork.Result(started, null, failure, refreshed);
                }
                try {
                    prepared.connector().refresh(prepared.account());
                    refreshed = true;
                } catch (PublishFailure refreshFailed) {
                    return new PublicationWork.Result(started, null, PublishFailure.unauthorized(failure.httpStatus(),
                            failure.errorCode(), failure.reason() + "; renewing the access failed too: "
                                    + refreshFailed.reason()), false);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Renewing the access of %s failed unexpectedly", prepared.account());
                    return new PublicationWork.Result(started, null, failure, false);
                }
            } catch (RuntimeException e) {
                // A defect in a connector: whether anything went out is unknown. The stack trace goes to the log
                // only; the publication says what a person can do.
                LOG.errorf(e, "Publishing %s to %s failed unexpectedly", prepared.post().publicationId(), prepared.account());
                return new PublicationWork.Result(started, null, PublishFailure.unknown(null, "internal_error",
                        "Kogu failed while publishing (" + e.getClass().getSimpleName() + ")"), refreshed);
            }
        }
    }

    private ExecutorService pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(Math.max(1, settings.workers()), task -> {
                        Thread thread = new Thread(task, "kogu-publisher-" + threads.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                }
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static String replicaName() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "content-service" : host) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
