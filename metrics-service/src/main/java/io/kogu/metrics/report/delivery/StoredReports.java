package io.kogu.metrics.report.delivery;

import io.kogu.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static io.kogu.metrics.report.delivery.ReportSubscriptions.utc;

/**
 * The reports that deliveries made, as they were sent: read back by {@code GET /v1/reports/{id}} (the link of the
 * e-mail and of the {@code report.delivered} webhook) until they expire, then deleted by every replica in small
 * batches ({@code SKIP LOCKED}, so replicas never wait on each other).
 */
@ApplicationScoped
public class StoredReports {

    private static final Logger LOG = Logger.getLogger(StoredReports.class);
    private static final int CLEANUP_BATCH = 100;

    public record Document(String format, String language, String fileName, byte[] body) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Document get(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select format, language, file_name, body from stored_report
                        where id = :id and workspace_id = :w and expires_at > :now""")
                .setParameter("id", id).setParameter("w", workspaceId).setParameter("now", utc(clock.instant()))
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("report", id);
        }
        Object[] row = rows.get(0);
        return new Document((String) row[0], (String) row[1], (String) row[2], (byte[]) row[3]);
    }

    @Scheduled(identity = "kogu-stored-reports-cleanup", every = "${kogu.metrics.reports.cleanup-every:1h}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void cleanup() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            LOG.warnf("Expired reports could not be deleted: %s", e.toString());
        }
    }

    /** Deletes the expired reports; answers how many. */
    public int deleteExpired() {
        int deleted = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                            delete from stored_report where id in (
                                select id from stored_report where expires_at <= :now
                                limit :batch for update skip locked)""")
                    .setParameter("now", utc(clock.instant())).setParameter("batch", CLEANUP_BATCH).executeUpdate());
            deleted += batch;
        } while (batch == CLEANUP_BATCH);
        return deleted;
    }
}
