package io.kogu.metrics.analytics;

import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.api.model.RateBasis;
import io.kogu.metrics.api.model.TopPublication;
import io.kogu.metrics.api.model.TopRanking;
import io.kogu.metrics.publication.PublicationFilter;
import io.kogu.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The publications published in a period, ranked by their all-time engagements or engagement rate. */
@ApplicationScoped
public class TopPublicationsService {

    @Inject
    EntityManager entityManager;

    private record Row(TopPublication publication, Long followers, Map<String, Long> totals) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TopPublication> top(String workspaceId, Period period, PublicationFilter filter, TopRanking by,
                                    RateBasis rateBasis, int limit) {
        Sql sql = new Sql().append("""
                select p.id, p.channel_id, p.network, p.published_at, p.campaign, p.follower_count, t.type, t.total,
                    p.draft_id, p.title, p.url, c.name
                from publication p
                left join publication_total t on t.workspace_id = p.workspace_id and t.publication_id = p.id
                left join channel_label c on c.workspace_id = p.workspace_id and c.channel_id = p.channel_id
                where p.workspace_id = :p and p.published_at >= :p and p.published_at < :p""",
                workspaceId, period.from(), period.to());
        RollupFilter.onPublications(sql, filter);
        Map<UUID, Row> rows = new LinkedHashMap<>();
        for (Object[] row : sql.rows(entityManager)) {
            UUID id = (UUID) row[0];
            Row publication = rows.computeIfAbsent(id, k -> new Row(new TopPublication().publicationId(id)
                    .channelId((UUID) row[1]).network(Network.fromValue((String) row[2]))
                    .publishedAt(Sql.toInstant(row[3]).atOffset(ZoneOffset.UTC)).campaign((String) row[4])
                    .draftId((UUID) row[8]).title((String) row[9]).url((String) row[10]).channelName((String) row[11]),
                    row[5] == null ? null : ((Number) row[5]).longValue(), new TreeMap<>()));
            if (row[6] != null) {
                publication.totals().put((String) row[6], ((Number) row[7]).longValue());
            }
        }
        List<TopPublication> ranked = new ArrayList<>();
        for (Row row : rows.values()) {
            long engagements = Engagement.engagements(row.totals());
            TopPublication publication = row.publication().engagements(engagements)
                    .engagementRate(Engagement.rate(rateBasis, engagements, row.totals(), row.followers()));
            if (by == TopRanking.ENGAGEMENT_RATE && publication.getEngagementRate().getValue() == null) {
                continue;
            }
            ranked.add(publication);
        }
        Comparator<TopPublication> order = by == TopRanking.ENGAGEMENT_RATE
                ? Comparator.comparing((TopPublication p) -> p.getEngagementRate().getValue())
                : Comparator.comparing(TopPublication::getEngagements);
        ranked.sort(order.reversed().thenComparing(p -> p.getPublicationId().toString()));
        return ranked.size() > limit ? ranked.subList(0, limit) : ranked;
    }
}
