package io.kogu.metrics.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.kogu.metrics.alert.AlertRules.utc;
import static io.kogu.platform.sql.Sql.toInstant;

/** Reads the counts an evaluation needs from {@code inbox_activity_bucket}, one query per rule. */
@ApplicationScoped
public class BucketReads {

    @Inject
    EntityManager entityManager;

    /** When the workspace's counting began (its first bucket), or null when nothing was counted yet. */
    public Instant countingSince(String workspaceId) {
        Object first = entityManager.createNativeQuery("""
                        select min(bucket_start) from inbox_activity_bucket
                        where workspace_id = :w and scope_kind = 'workspace' and scope_key = ''""")
                .setParameter("w", workspaceId).getSingleResult();
        return first == null ? null : toInstant(first);
    }

    /**
     * The observation of each of {@code buckets} for {@code metric} in {@code scope} (buckets without a row: none).
     * Unanswered is a level: the running sum of waits begun minus waits ended up to each bucket's end (or up to now).
     */
    public Map<Instant, Observation> observations(String workspaceId, ScopeKey scope, Metric metric, Set<Instant> buckets,
                                                  Instant now) {
        Map<Instant, Observation> observations = new HashMap<>();
        for (Instant bucket : buckets) {
            observations.put(bucket, Observation.NONE);
        }
        if (metric == Metric.UNANSWERED) {
            waiting(workspaceId, scope, buckets, now, observations);
            return observations;
        }
        String column = switch (metric) {
            case MENTIONS -> "mentions";
            case COMMENTS -> "comments";
            case ITEMS, SPAM_SHARE -> "items";
            case UNANSWERED -> throw new IllegalStateException("a level, read above");
        };
        List<Object> starts = new ArrayList<>();
        buckets.forEach(b -> starts.add(utc(b)));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select bucket_start, " + column + ", spam"
                        + " from inbox_activity_bucket where workspace_id = :w and scope_kind = :kind and scope_key = :key"
                        + " and bucket_start in (:starts)")
                .setParameter("w", workspaceId).setParameter("kind", scope.kind()).setParameter("key", scope.key())
                .setParameter("starts", starts).getResultList();
        for (Object[] row : rows) {
            long count = ((Number) row[1]).longValue();
            observations.put(toInstant(row[0]), metric == Metric.SPAM_SHARE
                    ? new Observation(((Number) row[2]).longValue(), count) : Observation.of(count));
        }
        return observations;
    }

    private void waiting(String workspaceId, ScopeKey scope, Set<Instant> buckets, Instant now,
                         Map<Instant, Observation> observations) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select bucket_start, waits_opened - waits_closed from inbox_activity_bucket
                        where workspace_id = :w and scope_kind = :kind and scope_key = :key and bucket_start <= :now
                          and (waits_opened <> 0 or waits_closed <> 0)
                        order by bucket_start""")
                .setParameter("w", workspaceId).setParameter("kind", scope.kind()).setParameter("key", scope.key())
                .setParameter("now", utc(now)).getResultList();
        TreeMap<Instant, Long> levels = new TreeMap<>();
        long level = 0;
        for (Object[] row : rows) {
            level += ((Number) row[1]).longValue();
            levels.put(toInstant(row[0]), level);
        }
        for (Instant bucket : buckets) {
            Map.Entry<Instant, Long> atEnd = levels.floorEntry(bucket);
            observations.put(bucket, Observation.of(atEnd == null ? 0 : Math.max(0, atEnd.getValue())));
        }
    }
}
