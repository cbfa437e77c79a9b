package io.kogu.metrics.alert;

import io.kogu.metrics.analytics.Zones;
import io.kogu.metrics.api.model.AlertMetric;
import io.kogu.metrics.api.model.AlertRule;
import io.kogu.metrics.api.model.AlertRuleInput;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.kogu.platform.sql.Sql.toInstant;

/** Alert rules ({@code /v1/alert-rules}): what to watch, in which scope, with which detection settings. */
@ApplicationScoped
public class AlertRules {

    /** A workspace's rules at most (each one is evaluated every minute). */
    static final int MAX_PER_WORKSPACE = 200;

    static final String COLUMNS = """
            id, name, metric, scope_kind, scope_key, channel_id, keyword, tag, monitor_id, min_count, persistence,
            cooldown_minutes, baseline_weeks, time_zone, enabled, last_raised_at, created_at, updated_at, version""";

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** A rule's input, checked, with its scope. */
    record Checked(String name, Metric metric, ScopeKey scope, AlertRuleInput input, RuleSettings settings,
                   String zoneName, boolean enabled) {
    }

    @Transactional
    public AlertRule create(String workspaceId, AlertRuleInput input) {
        Checked rule = check(input);
        Number count = (Number) entityManager.createNativeQuery(
                "select count(*) from alert_rule where workspace_id = :w").setParameter("w", workspaceId).getSingleResult();
        if (count.intValue() >= MAX_PER_WORKSPACE) {
            throw ProblemException.unprocessable("A workspace has at most " + MAX_PER_WORKSPACE
                    + " alert rules; delete one first", List.of());
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        Query insert = entityManager.createNativeQuery("""
                insert into alert_rule (id, workspace_id, name, metric, scope_kind, scope_key, channel_id, keyword, tag,
                    monitor_id, min_count, persistence, cooldown_minutes, baseline_weeks, time_zone, enabled,
                    next_evaluation_at, created_at, updated_at, version)
                values (:id, :w, :name, :metric, :kind, :key, :channel, :keyword, :tag, :monitor, :min, :persistence,
                    :cooldown, :weeks, :zone, :enabled, :next, :now, :now, 0)""");
        bind(insert, rule, now).setParameter("id", id).setParameter("w", workspaceId).executeUpdate();
        return get(workspaceId, id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AlertRule> list(String workspaceId, Keyset keyset) {
        Sql sql = new Sql().add("select " + COLUMNS + " from alert_rule where workspace_id = ").param(workspaceId);
        return keyset.page(keyset.where(sql, "").rows(entityManager).stream().map(AlertRules::view).toList(),
                r -> new PageCursor(r.getCreatedAt().toInstant(), r.getId()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AlertRule get(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                        + " from alert_rule where id = :id and workspace_id = :w")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("alert rule", id);
        }
        return view(rows.get(0));
    }

    /** Replaces the settings; the rule is evaluated again from now, its cool-down still counted from its last alert. */
    @Transactional
    public AlertRule update(String workspaceId, UUID id, String ifMatch, AlertRuleInput input) {
        Versions.requireMatch(ifMatch, lockedVersion(workspaceId, id));
        Checked rule = check(input);
        Query update = entityManager.createNativeQuery("""
                update alert_rule set name = :name, metric = :metric, scope_kind = :kind, scope_key = :key,
                    channel_id = :channel, keyword = :keyword, tag = :tag, monitor_id = :monitor, min_count = :min,
                    persistence = :persistence, cooldown_minutes = :cooldown, baseline_weeks = :weeks, time_zone = :zone,
                    enabled = :enabled, next_evaluation_at = :next, updated_at = :now, version = version + 1
                where id = :id""");
        bind(update, rule, now()).setParameter("id", id).executeUpdate();
        return get(workspaceId, id);
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        Versions.requireMatch(ifMatch, lockedVersion(workspaceId, id));
        entityManager.createNativeQuery("delete from alert_rule where id = :id").setParameter("id", id).executeUpdate();
    }

    private long lockedVersion(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Number> rows = entityManager.createNativeQuery(
                        "select version from alert_rule where id = :id and workspace_id = :w for update")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("alert rule", id);
        }
        return rows.get(0).longValue();
    }

    /** The rules beyond the schema: one scope at most, a zone that exists, no keyword scope for unanswered. */
    static Checked check(AlertRuleInput input) {
        List<FieldError> errors = new ArrayList<>();
        String name = input.getName() == null ? "" : input.getName().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        int scopes = (input.getChannelId() != null ? 1 : 0) + (input.getKeyword() != null ? 1 : 0)
                + (input.getTag() != null ? 1 : 0) + (input.getMonitorId() != null ? 1 : 0);
        if (scopes > 1) {
            errors.add(new FieldError("channelId", "name at most one of channelId, keyword, tag and monitorId"));
        }
        String keyword = input.getKeyword() == null ? null : Folding.fold(input.getKeyword());
        if (keyword != null && keyword.codePoints().noneMatch(Character::isLetterOrDigit)) {
            errors.add(new FieldError("keyword", "must hold a letter or a digit"));
        }
        String tag = input.getTag() == null ? null : Folding.fold(input.getTag());
        if (tag != null && tag.isEmpty()) {
            errors.add(new FieldError("tag", "must not be blank"));
        }
        Metric metric = Metric.of(input.getMetric().toString());
        if (metric == Metric.UNANSWERED && keyword != null) {
            errors.add(new FieldError("keyword", "unanswered conversations are counted per channel, tag, monitor or "
                    + "workspace, not per keyword"));
        }
        ZoneId zone = null;
        String zoneName = input.getTimeZone() == null ? "UTC" : input.getTimeZone();
        try {
            zone = Zones.parse(zoneName);
        } catch (ProblemException e) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone name such as Europe/Tallinn"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        ScopeKey scope = input.getChannelId() != null ? new ScopeKey(ScopeKey.CHANNEL, input.getChannelId().toString())
                : keyword != null ? new ScopeKey(ScopeKey.KEYWORD, keyword)
                : tag != null ? new ScopeKey(ScopeKey.TAG, tag)
                : input.getMonitorId() != null ? new ScopeKey(ScopeKey.MONITOR, input.getMonitorId().toString())
                : ScopeKey.workspace();
        RuleSettings settings = new RuleSettings(metric, orDefault(input.getMinCount(), 10),
                orDefault(input.getPersistence(), 2), Duration.ofMinutes(orDefault(input.getCooldownMinutes(), 60)),
                orDefault(input.getBaselineWeeks(), 4), zone);
        return new Checked(name, metric, scope, input, settings, Zones.name(zoneName),
                !Boolean.FALSE.equals(input.getEnabled()));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private Query bind(Query query, Checked rule, Instant now) {
        RuleSettings s = rule.settings();
        query.setParameter("name", rule.name()).setParameter("metric", rule.metric().value())
                .setParameter("kind", rule.scope().kind()).setParameter("key", rule.scope().key())
                .setParameter("min", s.minCount()).setParameter("persistence", (short) s.persistence())
                .setParameter("cooldown", (int) s.cooldown().toMinutes()).setParameter("weeks", (short) s.baselineWeeks())
                .setParameter("zone", rule.zoneName()).setParameter("enabled", rule.enabled())
                .setParameter("now", utc(now));
        typed(query, "channel", rule.input().getChannelId(), UUID.class);
        typed(query, "keyword", rule.input().getKeyword() == null ? null : rule.input().getKeyword().strip(),
                String.class);
        typed(query, "tag", rule.input().getTag() == null ? null : rule.input().getTag().strip(), String.class);
        typed(query, "monitor", rule.input().getMonitorId(), UUID.class);
        typed(query, "next", rule.enabled() ? utc(now) : null, OffsetDateTime.class);
        return query;
    }

    static AlertRule view(Object[] row) {
        AlertRule rule = new AlertRule().id((UUID) row[0]).name((String) row[1])
                .metric(AlertMetric.fromValue((String) row[2]))
                .channelId((UUID) row[5]).keyword((String) row[6]).tag((String) row[7]).monitorId((UUID) row[8])
                .minCount(((Number) row[9]).intValue()).persistence(((Number) row[10]).intValue())
                .cooldownMinutes(((Number) row[11]).intValue()).baselineWeeks(((Number) row[12]).intValue())
                .timeZone((String) row[13]).enabled((Boolean) row[14]).lastRaisedAt(utcOrNull(row[15]))
                .createdAt(utcOrNull(row[16])).updatedAt(utcOrNull(row[17])).version(((Number) row[18]).longValue());
        return rule;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime utcOrNull(Object value) {
        return value == null ? null : toInstant(value).atOffset(ZoneOffset.UTC);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Query typed(Query query, String name, Object value, Class<?> type) {
        ((NativeQuery) query.unwrap(NativeQuery.class)).setParameter(name, value, (Class) type);
        return query;
    }
}
