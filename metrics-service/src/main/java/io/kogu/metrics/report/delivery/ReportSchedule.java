package io.kogu.metrics.report.delivery;

import io.kogu.metrics.analytics.Zones;
import io.kogu.metrics.config.MetricsSettings;
import io.kogu.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kogu.metrics.report.delivery.ReportSubscriptions.utc;

/**
 * Turns due subscriptions into deliveries, in every replica: a short transaction claims due subscriptions with
 * {@code FOR UPDATE SKIP LOCKED} (another replica skips them instead of waiting), writes one delivery per
 * subscription and period ({@code unique (subscription_id, period_from)}: a second claim of the same period, however
 * it happened, adds nothing) with its outbox row {@code report.delivery}, and moves {@code next_due_at} on. The
 * platform outbox then hands each delivery to {@link ReportSender} once (SKIP LOCKED claims, a lease, retries).
 * After a time without any replica running, only the latest missed period of a subscription is sent.
 */
@ApplicationScoped
public class ReportSchedule {

    private static final Logger LOG = Logger.getLogger(ReportSchedule.class);

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    MetricsSettings settings;

    @Inject
    Clock clock;

    @Scheduled(identity = "kogu-report-subscriptions", every = "${kogu.metrics.reports.poll-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            queueDue();
        } catch (RuntimeException e) {
            LOG.warnf("Due report subscriptions could not be queued: %s", e.toString());
        }
    }

    /** Queues the deliveries due now; answers how many were queued. */
    public int queueDue() {
        int queued = 0;
        int[] claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(this::claimAndQueue);
            queued += claimed[1];
        } while (claimed[0] == settings.reports().batch());
        return queued;
    }

    /** One claim: {subscriptions claimed, deliveries queued}. */
    private int[] claimAndQueue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, workspace_id, cadence, weekday, day_of_month, to_char(time_of_day, 'HH24:MI'), time_zone,
                               next_due_at, jsonb_array_length(recipients)
                        from report_subscription
                        where enabled and next_due_at <= :now
                        order by next_due_at
                        limit :batch
                        for update skip locked""")
                .setParameter("now", utc(now)).setParameter("batch", settings.reports().batch()).getResultList();
        int queued = 0;
        for (Object[] row : rows) {
            UUID subscription = (UUID) row[0];
            String workspace = (String) row[1];
            Schedule schedule = new Schedule("monthly".equals(row[2]) ? Schedule.Cadence.MONTHLY : Schedule.Cadence.WEEKLY,
                    row[3] == null ? null : DayOfWeek.of(((Number) row[3]).intValue()),
                    row[4] == null ? 1 : ((Number) row[4]).intValue(), LocalTime.parse((String) row[5]),
                    Zones.parse((String) row[6]));
            Instant due = schedule.latestDue(io.kogu.platform.sql.Sql.toInstant(row[7]), now);
            Schedule.Period period = schedule.periodOf(due);
            UUID delivery = UUID.randomUUID();
            @SuppressWarnings("unchecked")
            List<UUID> inserted = entityManager.createNativeQuery("""
                            insert into report_delivery (id, workspace_id, subscription_id, period_from, period_to, due_at,
                                                         time_zone, status, attempts, recipients, created_at)
                            values (:id, :w, :subscription, :from, :to, :due, :zone, 'pending', 0, :recipients, :now)
                            on conflict (subscription_id, period_from) do nothing
                            returning id""", UUID.class)
                    .setParameter("id", delivery).setParameter("w", workspace).setParameter("subscription", subscription)
                    .setParameter("from", period.from().toOffsetDateTime()).setParameter("to", period.to().toOffsetDateTime())
                    .setParameter("due", utc(due)).setParameter("zone", row[6])
                    .setParameter("recipients", ((Number) row[8]).intValue()).setParameter("now", utc(now))
                    .getResultList();
            if (!inserted.isEmpty()) {
                outbox.write(delivery, workspace, ReportSender.EVENT_TYPE, Map.of("deliveryId", delivery.toString()));
                queued++;
            }
            entityManager.createNativeQuery("update report_subscription set next_due_at = :next where id = :id")
                    .setParameter("next", utc(schedule.nextAfter(due))).setParameter("id", subscription).executeUpdate();
        }
        return new int[] {rows.size(), queued};
    }
}
