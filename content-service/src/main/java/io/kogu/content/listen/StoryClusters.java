package io.kogu.content.listen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Finds the story a new item belongs to, in the database: the story of an item with the same canonical URL, else
 * the recent story (within {@code kogu.listening.cluster-window}) whose fingerprint is nearest and at most
 * {@code kogu.listening.cluster-distance} bits away. Candidates come through the GIN index on the fingerprint's
 * bands ({@link SimHash#bands}); the distance is counted here.
 */
@ApplicationScoped
public class StoryClusters {

    @Inject
    EntityManager entityManager;

    @Inject
    ListeningSettings settings;

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID find(String workspaceId, String canonicalUrl, long fingerprint, Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> sameUrl = entityManager.createNativeQuery(
                        "select story_id from listening_item where workspace_id = :w and url = :url limit 1")
                .setParameter("w", workspaceId).setParameter("url", canonicalUrl).getResultList();
        if (!sameUrl.isEmpty()) {
            return sameUrl.get(0);
        }
        String bands = bandsLiteral(fingerprint);
        @SuppressWarnings("unchecked")
        List<Object[]> candidates = entityManager.createNativeQuery("""
                        select id, simhash from story
                        where workspace_id = :w and first_seen_at >= :since and bands && cast(:bands as integer[])""")
                .setParameter("w", workspaceId).setParameter("since", now.minus(settings.clusterWindow()))
                .setParameter("bands", bands).getResultList();
        UUID best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object[] candidate : candidates) {
            int distance = SimHash.distance(fingerprint, ((Number) candidate[1]).longValue());
            if (distance <= settings.clusterDistance() && distance < bestDistance) {
                best = (UUID) candidate[0];
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The bands as PostgreSQL's array literal. */
    static String bandsLiteral(long fingerprint) {
        return Arrays.stream(SimHash.bands(fingerprint)).map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
