package io.kogu.metrics.alert;

import io.kogu.metrics.api.model.Alert;
import io.kogu.metrics.api.model.AlertMetric;
import io.kogu.metrics.api.model.AlertState;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.kogu.metrics.alert.AlertRules.utc;
import static io.kogu.metrics.alert.AlertRules.utcOrNull;

/** Raised alerts: the list a person reads ({@code GET /v1/alerts}) and their acknowledgement. */
@ApplicationScoped
public class Alerts {

    private static final String COLUMNS = """
            id, rule_id, rule_name, metric, channel_id, keyword, tag, monitor_id, bucket_start, count, total, observed,
            expected, tail_probability, created_at, acknowledged_at, acknowledged_by, note""";

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** A list query's filters; each may be null. */
    public record Filter(UUID ruleId, AlertState state, OffsetDateTime from, OffsetDateTime to) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Alert> list(String workspaceId, Filter filter, Keyset keyset) {
        Sql sql = new Sql().add("select " + COLUMNS + " from alert where workspace_id = ").param(workspaceId);
        if (filter.ruleId() != null) {
            sql.add(" and rule_id = ").param(filter.ruleId());
        }
        if (filter.state() == AlertState.OPEN) {
            sql.add(" and acknowledged_at is null");
        } else if (filter.state() == AlertState.ACKNOWLEDGED) {
            sql.add(" and acknowledged_at is not null");
        }
        if (filter.from() != null) {
            sql.add(" and created_at >= ").param(filter.from());
        }
        if (filter.to() != null) {
            sql.add(" and created_at < ").param(filter.to());
        }
        return keyset.page(keyset.where(sql, "").rows(entityManager).stream().map(Alerts::view).toList(),
                a -> new PageCursor(a.getRaisedAt().toInstant(), a.getId()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Alert get(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                        + " from alert where id = :id and workspace_id = :w")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("alert", id);
        }
        return view(rows.get(0));
    }

    /** Marks the alert acknowledged by {@code subject}; the first acknowledgement stays. */
    @Transactional
    public Alert acknowledge(String workspaceId, UUID id, String subject, String note) {
        entityManager.createNativeQuery("""
                        update alert set acknowledged_at = :now, acknowledged_by = :who, note = :note
                        where id = :id and workspace_id = :w and acknowledged_at is null""")
                .setParameter("now", utc(clock.instant().truncatedTo(ChronoUnit.MICROS))).setParameter("who", subject)
                .setParameter("note", note == null ? "" : note.strip()).setParameter("id", id)
                .setParameter("w", workspaceId).executeUpdate();
        return get(workspaceId, id);
    }

    static Alert view(Object[] row) {
        Alert alert = new Alert().id((UUID) row[0]).ruleId((UUID) row[1]).ruleName((String) row[2])
                .metric(AlertMetric.fromValue((String) row[3])).channelId((UUID) row[4]).keyword((String) row[5])
                .tag((String) row[6]).monitorId((UUID) row[7]).bucketStart(utcOrNull(row[8]))
                .count(((Number) row[9]).longValue()).total(row[10] == null ? null : ((Number) row[10]).longValue())
                .observed(((Number) row[11]).doubleValue()).expected(((Number) row[12]).doubleValue())
                .tailProbability(((Number) row[13]).doubleValue()).raisedAt(utcOrNull(row[14]))
                .acknowledgedAt(utcOrNull(row[15])).acknowledgedBy((String) row[16])
                .note(row[17] == null || ((String) row[17]).isEmpty() ? null : (String) row[17]);
        alert.bucketEnd(alert.getBucketStart().plus(Buckets.LENGTH));
        alert.state(alert.getAcknowledgedAt() == null ? AlertState.OPEN : AlertState.ACKNOWLEDGED);
        return alert;
    }
}
