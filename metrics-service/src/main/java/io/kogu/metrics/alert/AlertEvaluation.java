package io.kogu.metrics.alert;

import io.kogu.metrics.analytics.Zones;
import io.kogu.platform.webhooks.WebhookEvents;
import io.kogu.platform.webhooks.Webhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.kogu.metrics.alert.AlertRules.utc;
import static io.kogu.platform.sql.Sql.toInstant;

/**
 * Evaluates due alert rules, in every replica: a short transaction claims up to {@link #BATCH} due rules with
 * {@code FOR UPDATE SKIP LOCKED} (another replica skips them instead of waiting), evaluates each
 * ({@link RuleEvaluator} on counts read by {@link BucketReads}), and — in the same transaction, under the same row
 * lock — inserts the alert ({@code unique (rule_id, bucket_start)}), queues the signed {@code alert.raised} webhook
 * (platform {@link Webhooks}: sent if and only if the alert is committed), records {@code last_raised_at} (the
 * cool-down) and sets the next evaluation a minute on. So each alert is raised once, by one replica.
 */
@ApplicationScoped
public class AlertEvaluation {

    private static final Logger LOG = Logger.getLogger(AlertEvaluation.class);

    /** Rules claimed per transaction. */
    static final int BATCH = 50;
    /** A rule is evaluated at most this often: 15 times per bucket, so a breakout is seen within a minute. */
    static final Duration EVERY = Duration.ofMinutes(1);

    @Inject
    EntityManager entityManager;

    @Inject
    BucketReads reads;

    @Inject
    Webhooks webhooks;

    @Inject
    Clock clock;

    @Scheduled(identity = "kogu-alert-rules", every = "${kogu.metrics.alerts.evaluate-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            evaluateDue();
        } catch (RuntimeException e) {
            LOG.warnf("Due alert rules could not be evaluated: %s", e.toString());
        }
    }

    /** Evaluates the rules due now; answers how many alerts were raised. */
    public int evaluateDue() {
        int raised = 0;
        int[] claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(this::claimAndEvaluate);
            raised += claimed[1];
        } while (claimed[0] == BATCH);
        return raised;
    }

    /** The data of an {@code alert.raised} webhook event (contract: common.yaml {@code WebhookAlertData}). */
    public record AlertRaised(UUID alertId, UUID ruleId, String ruleName, String metric, UUID channelId, String keyword,
                              String tag, UUID monitorId, OffsetDateTime bucketStart, OffsetDateTime bucketEnd,
                              long count, double observed, double expected, OffsetDateTime raisedAt) {
    }

    /** One claim: {rules evaluated, alerts raised}. */
    private int[] claimAndEvaluate() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, workspace_id, name, metric, scope_kind, scope_key, channel_id, keyword, tag, monitor_id,
                               min_count, persistence, cooldown_minutes, baseline_weeks, time_zone, last_raised_at,
                               created_at
                        from alert_rule
                        where enabled and next_evaluation_at <= :now
                        order by next_evaluation_at
                        limit :batch
                        for update skip locked""")
                .setParameter("now", utc(now)).setParameter("batch", BATCH).getResultList();
        int raised = 0;
        for (Object[] row : rows) {
            UUID ruleId = (UUID) row[0];
            String workspace = (String) row[1];
            Metric metric = Metric.of((String) row[3]);
            ScopeKey scope = new ScopeKey((String) row[4], (String) row[5]);
            RuleSettings settings = new RuleSettings(metric, ((Number) row[10]).intValue(),
                    ((Number) row[11]).intValue(), Duration.ofMinutes(((Number) row[12]).intValue()),
                    ((Number) row[13]).intValue(), Zones.parse((String) row[14]));
            Instant lastRaised = row[15] == null ? null : toInstant(row[15]);
            Instant since = ScopeKey.KEYWORD.equals(scope.kind())
                    // Keywords are counted from the rule's creation on: the first whole bucket after it.
                    ? Buckets.start(toInstant(row[16])).plus(Buckets.LENGTH)
                    : reads.countingSince(workspace);
            Decision decision = RuleEvaluator.evaluate(settings, now,
                    reads.observations(workspace, scope, metric, RuleEvaluator.bucketsNeeded(settings, now), now)::get,
                    since, lastRaised);
            LOG.debugf("Alert rule %s at %s (counted since %s): %s", ruleId, now, since, decision);
            if (decision.raise() && raise(workspace, row, metric, decision, now)) {
                raised++;
            }
            entityManager.createNativeQuery("""
                            update alert_rule set next_evaluation_at = :next,
                                last_raised_at = case when :raised then :now else last_raised_at end
                            where id = :id""")
                    .setParameter("next", utc(now.plus(EVERY))).setParameter("raised", decision.raise())
                    .setParameter("now", utc(now)).setParameter("id", ruleId).executeUpdate();
        }
        return new int[] {rows.size(), raised};
    }

    /** Inserts the alert and queues its webhook; false when this rule already raised one for the bucket. */
    private boolean raise(String workspace, Object[] rule, Metric metric, Decision decision, Instant now) {
        Verdict verdict = decision.verdict();
        Observation observed = verdict.observed();
        double value = metric == Metric.SPAM_SHARE ? observed.share() : observed.count();
        UUID alertId = UUID.randomUUID();
        Query insert = entityManager.createNativeQuery("""
                        insert into alert (id, workspace_id, rule_id, rule_name, metric, channel_id, keyword, tag,
                            monitor_id, bucket_start, count, total, observed, expected, tail_probability, created_at)
                        values (:id, :w, :rule, :name, :metric, :channel, :keyword, :tag, :monitor, :bucket, :count,
                            :total, :observed, :expected, :tail, :now)
                        on conflict (rule_id, bucket_start) do nothing""")
                .setParameter("id", alertId).setParameter("w", workspace).setParameter("rule", rule[0])
                .setParameter("name", rule[2]).setParameter("metric", metric.value())
                .setParameter("bucket", utc(decision.bucketStart())).setParameter("count", observed.count())
                .setParameter("observed", value).setParameter("expected", verdict.expected())
                .setParameter("tail", verdict.tailProbability()).setParameter("now", utc(now));
        AlertRules.typed(insert, "channel", rule[6], UUID.class);
        AlertRules.typed(insert, "keyword", rule[7], String.class);
        AlertRules.typed(insert, "tag", rule[8], String.class);
        AlertRules.typed(insert, "monitor", rule[9], UUID.class);
        AlertRules.typed(insert, "total", metric == Metric.SPAM_SHARE ? observed.total() : null, Long.class);
        if (insert.executeUpdate() == 0) {
            return false;
        }
        webhooks.emit(workspace, WebhookEvents.ALERT_RAISED, new AlertRaised(alertId, (UUID) rule[0], (String) rule[2],
                metric.value(), (UUID) rule[6], (String) rule[7], (String) rule[8], (UUID) rule[9],
                utc(decision.bucketStart()), utc(decision.bucketStart().plus(Buckets.LENGTH)), observed.count(), value,
                verdict.expected(), utc(now)));
        LOG.infof("Alert %s raised by rule %s in workspace %s (%s: %.3g against %.3g usual)", alertId, rule[0],
                workspace, metric.value(), value, verdict.expected());
        return true;
    }
}
