package io.kogu.content.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publisher's meters. {@code kogu.publish.attempts} (counter, by network and outcome),
 * {@code kogu.publish.lag} (timer with histogram: from the due time to published), and two gauges measured after
 * every publisher run: {@code kogu.publish.queue.depth} (publications due and not yet out) and
 * {@code kogu.publish.overdue} (queued 5 minutes past their time).
 */
@ApplicationScoped
public class PublishingMeters {

    private static final Logger LOG = Logger.getLogger(PublishingMeters.class);

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    private final AtomicBoolean gauges = new AtomicBoolean();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    public void attempt(String network, String outcome) {
        Counter.builder("kogu.publish.attempts").description("Publication attempts, by network and outcome")
                .tag("network", network).tag("outcome", outcome).register(registry).increment();
    }

    public void published(String network, Instant due, Instant at) {
        Duration lag = Duration.between(due, at);
        Timer.builder("kogu.publish.lag").description("From a publication's due time to the post being out")
                .tag("network", network).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** Reads queue depth and overdue count into the gauges. */
    public void measure() {
        if (gauges.compareAndSet(false, true)) {
            Gauge.builder("kogu.publish.queue.depth", depth, AtomicLong::get)
                    .description("Publications due and not yet out (queued or publishing)").register(registry);
            Gauge.builder("kogu.publish.overdue", overdue, AtomicLong::get)
                    .description("Publications still queued 5 minutes after their time").register(registry);
        }
        try {
            Instant now = clock.instant();
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery("""
                            select count(*) filter (where state = 'queued' and next_attempt_at <= :now or state = 'publishing'),
                                   count(*) filter (where state = 'queued' and due_at < :overdue)
                            from publication
                            where (state = 'queued' and next_attempt_at <= :now) or state = 'publishing'
                               or (state = 'queued' and due_at < :overdue)""")
                    .setParameter("now", now).setParameter("overdue", now.minus(Publication.OVERDUE_AFTER))
                    .getSingleResult());
            depth.set(((Number) row[0]).longValue());
            overdue.set(((Number) row[1]).longValue());
        } catch (RuntimeException e) {
            LOG.warnf("The publication queue could not be measured: %s", e.toString());
        }
    }
}
