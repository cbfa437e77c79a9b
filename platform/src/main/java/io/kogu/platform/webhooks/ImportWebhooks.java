package io.kogu.platform.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * import.finished (WebhookImportData) for an import job of the platform's job runner, from the job table's common
 * columns ({@code workspace_id}, {@code status}, {@code processed}, {@code failed}, {@code total}); a service's
 * {@code JobKind.ended} calls it in the transaction that ends the job.
 */
@ApplicationScoped
public class ImportWebhooks {

    @Inject
    EntityManager entityManager;

    @Inject
    Webhooks webhooks;

    /** {@code table} is a constant of the code, never input; {@code kind} is {@code drafts} or {@code members}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finished(String table, String kind, UUID jobId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select workspace_id, status, processed, failed, total from " + table + " where id = :id")
                .setParameter("id", jobId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = rows.get(0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("importId", jobId);
        data.put("kind", kind);
        data.put("status", row[1]);
        data.put("processed", ((Number) row[2]).longValue());
        data.put("failed", ((Number) row[3]).longValue());
        data.put("total", row[4] == null ? null : ((Number) row[4]).longValue());
        webhooks.emit((String) row[0], WebhookEvents.IMPORT_FINISHED, data);
    }
}
