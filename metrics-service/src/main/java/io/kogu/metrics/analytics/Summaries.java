package io.kogu.metrics.analytics;

import io.kogu.metrics.api.model.RateBasis;
import io.kogu.metrics.api.model.SummaryGrouping;
import io.kogu.metrics.api.model.SummaryRow;
import io.kogu.metrics.publication.PublicationFilter;
import io.kogu.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Engagement per channel, network, campaign or tag in a period and the period before, from hourly rollups.
 * A publication with several tags counts in each of its tags.
 */
@ApplicationScoped
public class Summaries {

    @Inject
    EntityManager entityManager;

    private static final class Group {
        final Map<String, Long> totals = new TreeMap<>();
        final Set<UUID> publications = new HashSet<>();
        long followers;
        boolean anyFollowers;
        long previousEngagements;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SummaryRow> summarize(String workspaceId, SummaryGrouping grouping, Period period,
                                      PublicationFilter filter, RateBasis rateBasis) {
        String key = switch (grouping) {
            case CHANNEL -> "a.channel_id::text";
            case NETWORK -> "a.network";
            case CAMPAIGN -> "p.campaign";
            case TAG -> "t.tag";
        };
        // Rollups are summed per publication and type first, whole UTC days from the daily rollups and the
        // partial days at the edges from the hourly ones; only then is each publication joined once (its campaign,
        // tags and followers).
        Sql sql = new Sql().append("with a as (select publication_id, type, channel_id, network,"
                + " sum(cur) as cur, sum(prev) as prev from (");
        boolean first = true;
        for (RollupRange range : RollupRange.split(period.previousFrom(), period.from(), false)) {
            first = range.appendTo(sql, workspaceId, filter, first);
        }
        for (RollupRange range : RollupRange.split(period.from(), period.to(), true)) {
            first = range.appendTo(sql, workspaceId, filter, first);
        }
        sql.append(") x");
        sql.append(" group by 1, 2, 3, 4)"
                + " select " + key + " as key, a.publication_id, a.type, a.cur, a.prev, p.follower_count"
                + " from a left join publication p on p.workspace_id = :p and p.id = a.publication_id", workspaceId);
        if (grouping == SummaryGrouping.TAG) {
            sql.append(" cross join lateral unnest(p.tags) as t(tag)");
        }
        sql.append(" where true");
        RollupFilter.campaignAndTag(sql, filter);

        Map<String, Group> groups = new LinkedHashMap<>();
        for (Object[] row : sql.rows(entityManager)) {
            if (row[0] == null) {
                continue;
            }
            Group group = groups.computeIfAbsent((String) row[0], k -> new Group());
            UUID publication = (UUID) row[1];
            String type = (String) row[2];
            long current = row[3] == null ? 0 : ((Number) row[3]).longValue();
            long previous = row[4] == null ? 0 : ((Number) row[4]).longValue();
            if (row[3] != null) {
                group.totals.merge(type, current, Long::sum);
                if (group.publications.add(publication) && row[5] != null) {
                    group.followers += ((Number) row[5]).longValue();
                    group.anyFollowers = true;
                }
            }
            if (Engagement.TYPES.contains(type)) {
                group.previousEngagements += previous;
            }
        }
        List<SummaryRow> rows = new ArrayList<>();
        groups.forEach((name, group) -> {
            long engagements = Engagement.engagements(group.totals);
            rows.add(new SummaryRow().key(name).publications(group.publications.size()).totals(group.totals)
                    .engagements(engagements)
                    .engagementRate(Engagement.rate(rateBasis, engagements, group.totals,
                            group.anyFollowers ? group.followers : null))
                    .previousEngagements(group.previousEngagements)
                    .engagementsChange(group.previousEngagements == 0 ? null
                            : (double) (engagements - group.previousEngagements) / group.previousEngagements));
        });
        rows.sort(Comparator.comparing(SummaryRow::getEngagements).reversed().thenComparing(SummaryRow::getKey));
        return rows;
    }
}
