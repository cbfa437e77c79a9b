package io.kogu.metrics.publication;

import io.kogu.metrics.analytics.Engagement;
import io.kogu.metrics.api.model.BreakdownPart;
import io.kogu.metrics.api.model.SegmentBreakdown;
import io.kogu.metrics.client.SegmentMembers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A publication's engagement split by an audience segment: the per-actor rollups of the publication, with the
 * actors checked against the segment by audience-service ({@link SegmentMembers}). No transaction is held during
 * the calls.
 */
@ApplicationScoped
public class SegmentBreakdowns {

    static final int MAX_ACTORS = 50_000;

    @Inject
    EntityManager entityManager;

    @Inject
    PublicationSummaries summaries;

    @Inject
    SegmentMembers segmentMembers;

    @Inject
    PublicationLabels labels;

    public SegmentBreakdown breakdown(String workspaceId, UUID publicationId, UUID segmentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select actor_member_id, type, total from rollup_actor
                where workspace_id = ?1 and publication_id = ?2 and actor_member_id in (
                    select distinct actor_member_id from rollup_actor
                    where workspace_id = ?1 and publication_id = ?2 order by actor_member_id limit ?3)""")
                .setParameter(1, workspaceId).setParameter(2, publicationId).setParameter(3, MAX_ACTORS)
                .getResultList();
        Map<UUID, Map<String, Long>> byActor = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byActor.computeIfAbsent((UUID) row[0], k -> new TreeMap<>()).merge((String) row[1],
                    ((Number) row[2]).longValue(), Long::sum);
        }
        List<UUID> actors = new ArrayList<>(byActor.keySet());
        Set<UUID> members = segmentMembers.among(segmentId, actors);
        Map<String, Long> in = new TreeMap<>();
        Map<String, Long> out = new TreeMap<>();
        Map<String, Long> unattributed = new TreeMap<>(summaries.totals(workspaceId, publicationId));
        byActor.forEach((actor, totals) -> totals.forEach((type, total) -> {
            (members.contains(actor) ? in : out).merge(type, total, Long::sum);
            unattributed.merge(type, -total, Long::sum);
        }));
        unattributed.values().removeIf(total -> total == 0);
        int inActors = (int) actors.stream().filter(members::contains).count();
        SegmentBreakdown breakdown = new SegmentBreakdown().publicationId(publicationId).segmentId(segmentId)
                .inSegment(part(inActors, in)).outsideSegment(part(actors.size() - inActors, out))
                .unattributed(part(0, unattributed));
        labels.of(workspaceId, publicationId).ifPresent(label -> breakdown.draftId(label.draftId())
                .channelId(label.channelId()).channelName(label.channelName())
                .network(io.kogu.metrics.api.model.Network.fromValue(label.network())).title(label.title())
                .url(label.url()).publishedAt(label.publishedAtUtc()));
        return breakdown;
    }

    private static BreakdownPart part(int actors, Map<String, Long> totals) {
        return new BreakdownPart().actors(actors).totals(totals).engagements(Engagement.engagements(totals));
    }
}
