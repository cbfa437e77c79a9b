package io.kogu.content.publish;

import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.PublishFailure;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sending run shared by the publisher and the replier (issue 13): claims a batch ({@link SendQueue#claim}),
 * makes the attempts on a few worker threads, each network call outside any transaction, and keeps the claims'
 * leases alive while they run ({@link #heartbeat}), so that a lease runs out only when its replica is gone.
 *
 * @param <C> the claim of one row
 */
public final class SendLoop<C> {

    private static final Logger LOG = Logger.getLogger(SendLoop.class);

    /** What the loop sends: how to claim a batch, attempt one claim and extend the leases of this replica's claims. */
    public interface Work<C> {
        List<C> claim(String token, Instant now, int limit);

        void attempt(C claim);

        int extendLeases(Collection<String> tokens, Instant now);
    }

    private final String name;
    private final Work<C> work;
    private final PublisherSettings settings;
    private final Clock clock;
    private final String replica;
    /** The claim tokens of the batches this replica is working on: their leases are kept alive. */
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile ExecutorService pool;

    public SendLoop(String name, Work<C> work, PublisherSettings settings, Clock clock) {
        this.name = name;
        this.work = work;
        this.settings = settings;
        this.clock = clock;
        this.replica = replicaName(name);
    }

    /** Extends the leases of the claims this replica is working on (the sender's scheduled heartbeat). */
    public void heartbeat() {
        if (working.isEmpty()) {
            return;
        }
        try {
            work.extendLeases(List.copyOf(working), clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not extend the leases of this replica's %s claims; the next heartbeat tries again", name);
        }
    }

    /**
     * Sends what is due now; answers how many rows were attempted. The workers are kept busy: as soon as some are
     * free, as many due rows are claimed (at most {@code batch} at once), until nothing more is due; then the run
     * waits for the attempts still going. One claim token per run, kept alive by the heartbeat.
     */
    public int sendDue() {
        int workers = Math.max(1, settings.workers());
        Semaphore free = new Semaphore(workers);
        String token = replica + "/" + UUID.randomUUID();
        working.add(token);
        int attempted = 0;
        try {
            while (true) {
                free.acquire();
                int wanted = Math.min(settings.batch(), 1 + free.drainPermits());
                List<C> claims;
                try {
                    claims = work.claim(token, clock.instant(), wanted);
                } catch (RuntimeException e) {
                    free.release(wanted);
                    throw e;
                }
                free.release(wanted - claims.size());
                for (C claim : claims) {
                    try {
                        pool().submit(() -> {
                            try {
                                work.attempt(claim);
                            } catch (RuntimeException e) {
                                LOG.errorf(e, "A %s attempt failed unexpectedly", name);
                            } finally {
                                free.release();
                            }
                        });
                    } catch (RejectedExecutionException stopping) {
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

    /** What one network call came to: exactly one of {@code value} and {@code failure}. */
    public record Outcome<T>(T value, PublishFailure failure, boolean refreshed) {
    }

    @FunctionalInterface
    public interface Call<T> {
        T run() throws PublishFailure;
    }

    /**
     * The network call: once, and once more after renewing access when the network says it is expired. A defect
     * in a connector (a runtime exception) is an unknown outcome: whether anything went out is not known.
     */
    public static <T> Outcome<T> call(Connector connector, Account account, String what, Call<T> call) {
        boolean refreshed = false;
        while (true) {
            try {
                return new Outcome<>(call.run(), null, refreshed);
            } catch (PublishFailure failure) {
                if (failure.outcome() != PublishFailure.Outcome.UNAUTHORIZED || refreshed) {
                    return new Outcome<>(null, failure, refreshed);
                }
                try {
                    connector.refresh(account);
                    refreshed = true;
                } catch (PublishFailure refreshFailed) {
                    return new Outcome<>(null, PublishFailure.unauthorized(failure.httpStatus(), failure.errorCode(),
                            failure.reason() + "; renewing the access failed too: " + refreshFailed.reason()), false);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Renewing the access of %s failed unexpectedly", account);
                    return new Outcome<>(null, failure, false);
                }
            } catch (RuntimeException e) {
                // The stack trace goes to the log only; the row says what a person can do.
                LOG.errorf(e, "Sending %s to %s failed unexpectedly", what, account);
                return new Outcome<>(null, PublishFailure.unknown(null, "internal_error",
                        "Kogu failed while publishing (" + e.getClass().getSimpleName() + ")"), refreshed);
            }
        }
    }

    private ExecutorService pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(Math.max(1, settings.workers()), task -> {
                        Thread thread = new Thread(task, "kogu-" + name + "-" + threads.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                }
            }
        }
        return pool;
    }

    public void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static String replicaName(String name) {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "content-service" : host) + "-" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
