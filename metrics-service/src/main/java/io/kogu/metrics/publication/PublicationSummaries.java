package io.kogu.metrics.publication;

import io.kogu.metrics.event.EngagementEventRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What a publication earned, by event type. */
@ApplicationScoped
public class PublicationSummaries {

    /** Interactions a person chose to make; impressions, reach and views are exposure, follows are audience. */
    static final Set<String> ENGAGEMENT_TYPES = Set.of("like", "favorite", "plus_one", "reaction", "comment", "share",
            "repost", "quote", "save", "click");

    public record Summary(Map<String, Long> totals, long engagements) {
    }

    /** The totals, or empty when the workspace has no event of this publication. */
    public Optional<Summary> of(String workspaceId, UUID publicationId) {
        List<Object[]> rows = EngagementEventRecord.getEntityManager().createQuery("""
                select e.type, sum(e.count) from EngagementEventRecord e
                where e.workspaceId = :workspace and e.publicationId = :publication
                group by e.type order by e.type""", Object[].class)
                .setParameter("workspace", workspaceId)
                .setParameter("publication", publicationId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        long engagements = 0;
        for (Object[] row : rows) {
            String type = (String) row[0];
            long total = ((Number) row[1]).longValue();
            totals.put(type, total);
            if (ENGAGEMENT_TYPES.contains(type)) {
                engagements += total;
            }
        }
        return Optional.of(new Summary(totals, engagements));
    }
}
