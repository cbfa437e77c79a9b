package io.kogu.platform.jobs;

import io.kogu.platform.tracing.TraceContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the services' background jobs ({@link JobKind}s) in every replica. A job is a row: a replica claims one
 * due row with {@code FOR UPDATE SKIP LOCKED} and a lease ({@code lease_owner}, a token of this claim, and
 * {@code lease_until}), renews the lease while it works (a heartbeat, and every {@link Job#checkpoint()}), and
 * ends the row {@code completed} or {@code failed}. A replica that dies leaves its job {@code running} with a
 * lease that runs out: another replica then claims it and the kind resumes it from its committed progress. A
 * job that broke is tried again after {@code kogu.jobs.retry-after}; once it was started
 * {@code kogu.jobs.max-attempts} times it ends {@code failed} with a reason. Nothing of a job lives only in
 * memory: its file is in {@link JobUploads}.
 */
@ApplicationScoped
public class JobRunner {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    /** A job is not a request: its log lines get a request id of its own ({@code job-<id>}). */
    private static final TraceContext.Captured NO_REQUEST = new TraceContext.Captured(null, null);

    @Inject
    Instance<JobKind> kinds;

    @Inject
    TraceContext traces;

    @Inject
    EntityManager entityManager;

    @Inject
    JobUploads uploads;

    @Inject
    JobsConfig config;

    /** The jobs this replica is running, by lease owner token: the heartbeat renews their leases. */
    private final Map<UUID, Job> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Scheduled(identity = "kogu-jobs-poll", every = "${kogu.jobs.poll-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        runDue();
    }

    @Scheduled(identity = "kogu-jobs-heartbeat", every = "${kogu.jobs.heartbeat-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        for (Job job : running.values()) {
            try {
                int renewed = QuarkusTransaction.requiringNew().call(() -> renew(job));
                if (renewed == 0) {
                    LOG.warnf("Job %s of %s was taken over by another replica", job.id(), job.kind().table());
                }
            } catch (RuntimeException e) {
                LOG.warnf("The lease of job %s could not be renewed: %s", job.id(), e.getMessage());
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        // The running job gives its lease back at its next checkpoint, so another replica goes on at once.
        stopping = true;
    }

    /** Claims and runs every due job of every kind, one after another; answers how many it ran. */
    public int runDue() {
        int ran = 0;
        for (JobKind kind : kinds) {
            Job job;
            while (!stopping && (job = claim(kind)) != null) {
                run(job);
                ran++;
            }
        }
        return ran;
    }

    private Job claim(JobKind kind) {
        while (true) {
            Claim claim = QuarkusTransaction.requiringNew().call(() -> claimOne(kind));
            if (claim == null) {
                return null;
            }
            if (claim.job() != null) {
                return claim.job();
            }
            // That one had used up its attempts and is now failed: look for the next.
        }
    }

    private record Claim(Job job) {
    }

    private Claim claimOne(JobKind kind) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = entityManager.createNativeQuery("""
                         select id, attempts, workspace_id from %s
                         where status in ('queued', 'running') and (lease_until is null or lease_until < now())
                         order by created_at limit 1 for update skip locked""".formatted(kind.table())).getResultList();
        if (due.isEmpty()) {
            return null;
        }
        UUID id = (UUID) due.get(0)[0];
        int attempts = ((Number) due.get(0)[1]).intValue();
        String workspaceId = (String) due.get(0)[2];
        if (attempts >= config.maxAttempts()) {
            LOG.errorf("Job %s of %s was started %d times without finishing; it ends failed", id, kind.table(), attempts);
            endFailed(kind, id, "The job was started " + attempts + " times and broke each time on our side;"
                    + " what it had done is kept.");
            return new Claim(null);
        }
        UUID owner = UUID.randomUUID();
        entityManager.createNativeQuery("""
                         update %s
                         set status = 'running', attempts = attempts + 1, lease_owner = :owner,
                             lease_until = now() + make_interval(secs => :lease)
                         where id = :id""".formatted(kind.table()))
                .setParameter("owner", owner).setParameter("lease", (double) config.lease().toSeconds())
                .setParameter("id", id).executeUpdate();
        return new Claim(new Job(this, kind, id, workspaceId, owner, attempts + 1));
    }

    /**
     * Runs the job in a span of its own, with its workspace and a request id naming the job ({@code job-<id>}) in the
     * log context, so that every line it logs, and every call it makes, says whose work it is.
     */
    private void run(Job job) {
        try {
            traces.resume("job " + job.kind().table(), NO_REQUEST, "job-" + job.id(), job.workspaceId(), () -> {
                runInContext(job);
                return null;
            });
        } catch (Exception unexpected) {
            LOG.errorf(unexpected, "Job %s of %s could not be run", job.id(), job.kind().table());
        }
    }

    private void runInContext(Job job) {
        running.put(job.leaseOwner(), job);
        try {
            job.kind().run(job);
            end(job, COMPLETED, null);
        } catch (JobFailed failed) {
            end(job, FAILED, failed.getMessage());
        } catch (LeaseLost lost) {
            LOG.infof("Job %s of %s is no longer this replica's: %s", job.id(), job.kind().table(), lost.getMessage());
            if (stopping) {
                giveBack(job);
            }
        } catch (Exception e) {
            LOG.errorf(e, "Job %s of %s broke (attempt %d)", job.id(), job.kind().table(), job.attempt());
            retryLater(job, e);
        } finally {
            running.remove(job.leaseOwner());
        }
    }

    /** Ends the job if it is still this replica's; a job taken over in between is left to its new owner. */
    private void end(Job job, String status, String reason) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                int ended = entityManager.createNativeQuery("""
                                 update %s
                                 set status = :status, finished_at = now(), lease_owner = null, lease_until = null
                                 where id = :id and lease_owner = :owner""".formatted(job.kind().table()))
                        .setParameter("status", status).setParameter("id", job.id())
                        .setParameter("owner", job.leaseOwner()).executeUpdate();
                if (ended == 1) {
                    if (FAILED.equals(status)) {
                        job.kind().failed(job.id(), reason);
                    }
                    job.kind().ended(job.id());
                    uploads.delete(job.id());
                    LOG.infof("Job %s of %s ended %s (attempt %d)", job.id(), job.kind().table(), status, job.attempt());
                }
            });
        } catch (RuntimeException e) {
            // The lease runs out and the job is claimed again; it resumes with nothing left to do and ends then.
            LOG.errorf(e, "Job %s of %s could not be ended %s", job.id(), job.kind().table(), status);
        }
    }

    private void endFailed(JobKind kind, UUID id, String reason) {
        entityManager.createNativeQuery("""
                         update %s
                         set status = 'failed', finished_at = now(), lease_owner = null, lease_until = null
                         where id = :id""".formatted(kind.table())).setParameter("id", id).executeUpdate();
        kind.failed(id, reason);
        kind.ended(id);
        uploads.delete(id);
    }

    private void retryLater(Job job, Exception error) {
        if (job.attempt() >= config.maxAttempts()) {
            end(job, FAILED, "The job broke " + job.attempt() + " times on our side; what it had done is kept.");
            return;
        }
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                             update %s
                             set lease_owner = null, lease_until = now() + make_interval(secs => :retry), last_error = :error
                             where id = :id and lease_owner = :owner""".formatted(job.kind().table()))
                    .setParameter("retry", (double) config.retryAfter().toSeconds())
                    .setParameter("error", message.length() > 1000 ? message.substring(0, 1000) : message)
                    .setParameter("id", job.id()).setParameter("owner", job.leaseOwner()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Job %s of %s could not be set aside for a retry", job.id(), job.kind().table());
        }
    }

    /** A replica that stops hands its job back at once, without counting the attempt. */
    private void giveBack(Job job) {
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                             update %s
                             set lease_owner = null, lease_until = null, attempts = attempts - 1
                             where id = :id and lease_owner = :owner""".formatted(job.kind().table()))
                    .setParameter("id", job.id()).setParameter("owner", job.leaseOwner()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("Job %s could not be handed back; its lease runs out instead: %s", job.id(), e.getMessage());
        }
    }

    void checkpoint(Job job) {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("Job.checkpoint() belongs in the transaction that commits the work");
        }
        if (stopping) {
            throw new LeaseLost(job.id(), "this replica is stopping");
        }
        if (renew(job) == 0) {
            throw new LeaseLost(job.id(), "its lease ran out and another replica took it over");
        }
    }

    private int renew(Job job) {
        return entityManager.createNativeQuery("""
                         update %s
                         set lease_until = now() + make_interval(secs => :lease)
                         where id = :id and lease_owner = :owner""".formatted(job.kind().table()))
                .setParameter("lease", (double) config.lease().toSeconds()).setParameter("id", job.id())
                .setParameter("owner", job.leaseOwner()).executeUpdate();
    }
}
