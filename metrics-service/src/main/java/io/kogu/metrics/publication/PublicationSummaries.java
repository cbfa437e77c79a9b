package io.kogu.metrics.publication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a publication earned, by event type, from its all-time totals (kept current with each insert). */
@ApplicationScoped
public class PublicationSummaries {

    @Inject
    EntityManager entityManager;

    /** Totals by type; empty when the publication has no events yet. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> totals(String workspaceId, UUID publicationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select type, total from publication_total
                where workspace_id = ?1 and publication_id = ?2 order by type""")
                .setParameter(1, workspaceId).setParameter(2, publicationId).getResultList();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Object[] row : rows) {
            totals.put((String) row[0], ((Number) row[1]).longValue());
        }
        return totals;
    }
}
