package io.kogu.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.kogu.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers outbox rows to the {@link OutboxReceiver} of their type. Any number of replicas share the work: a
 * replica claims a few due rows with {@code FOR UPDATE SKIP LOCKED}, leases them (a dead replica's lease runs out
 * and another replica takes the row over), and delivers them outside the claim's transaction. A failed delivery
 * is retried with exponential backoff; one still failing {@code kogu.outbox.dead-after} after it was written
 * becomes a dead letter (no longer tried; listed for admins, who may retry it). Receivers deduplicate by event
 * id, so a delivery repeated after a lost answer is harmless.
 *
 * <p>Gauges, measured after every run: {@code kogu.outbox.backlog} (events waiting), {@code kogu.outbox.age}
 * (seconds since the oldest waiting event was written), {@code kogu.outbox.dead} (dead letters).
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    record Claimed(UUID id, String workspaceId, String eventType, JsonNode payload, int attempts,
                   TraceContext.Captured context) {
    }

    @Inject
    OutboxSettings settings;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<OutboxReceiver> receiverBeans;

    @Inject
    MeterRegistry registry;

    @Inject
    TraceContext traces;

    private final AtomicBoolean metersRegistered = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong ageSeconds = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private volatile Map<String, OutboxReceiver> receivers;

    @Scheduled(every = "{kogu.outbox.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            dispatchDue();
        } finally {
            measure();
        }
    }

    /** Delivers what is due now; answers how many rows were delivered. */
    public int dispatchDue() {
        int delivered = 0;
        List<Claimed> claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(this::claim);
            for (Claimed row : claimed) {
                delivered += deliver(row) ? 1 : 0;
            }
        } while (claimed.size() == settings.batch());
        return delivered;
    }

    /** Reads the backlog, its age and the dead letters into the gauges (registered on first use). */
    public void measure() {
        if (metersRegistered.compareAndSet(false, true)) {
            Gauge.builder("kogu.outbox.backlog", backlog, AtomicLong::get)
                    .description("Outbox events not delivered yet (dead letters excluded)").register(registry);
            Gauge.builder("kogu.outbox.age", ageSeconds, AtomicLong::get).baseUnit("seconds")
                    .description("Age of the oldest outbox event not delivered yet").register(registry);
            Gauge.builder("kogu.outbox.dead", dead, AtomicLong::get)
                    .description("Outbox events given up on (dead letters)").register(registry);
        }
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery("""
                    select count(*) filter (where dead_at is null),
                           coalesce(extract(epoch from clock_timestamp() - min(created_at) filter (where dead_at is null)), 0),
                           count(*) filter (where dead_at is not null)
                    from outbox where delivered_at is null""").getSingleResult());
            backlog.set(((Number) row[0]).longValue());
            ageSeconds.set(((Number) row[1]).longValue());
            dead.set(((Number) row[2]).longValue());
        } catch (RuntimeException e) {
            LOG.warnf("The outbox backlog could not be measured: %s", e.toString());
        }
    }

    private List<Claimed> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        update outbox set lease_until = clock_timestamp() + make_interval(secs => :lease), attempts = attempts + 1
                        where id in (select id from outbox
                                     where delivered_at is null and dead_at is null and next_attempt_at <= clock_timestamp()
                                       and (lease_until is null or lease_until < clock_timestamp())
                                     order by next_attempt_at limit :claim for update skip locked)
                        returning id, workspace_id, event_type, payload::text, attempts, trace_parent, request_id""")
                .setParameter("lease", (double) settings.lease().toSeconds()).setParameter("claim", settings.batch())
                .getResultList();
        return rows.stream().map(row -> {
            try {
                return new Claimed((UUID) row[0], (String) row[1], (String) row[2], json.readTree((String) row[3]),
                        ((Number) row[4]).intValue(), new TraceContext.Captured((String) row[5], (String) row[6]));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("An outbox payload is not JSON", e);
            }
        }).toList();
    }

    /**
     * In the trace of the request that wrote the event, with its request id (else the event's id) and workspace in the
     * log context, so the lines below and the receiver's call carry them.
     */
    private boolean deliver(Claimed row) {
        try {
            return traces.resume("outbox " + row.eventType(), row.context(), row.id().toString(), row.workspaceId(),
                    () -> deliverNow(row));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean deliverNow(Claimed row) {
        OutboxReceiver receiver = receivers().get(row.eventType());
        try {
            if (receiver == null) {
                throw new IllegalStateException("no receiver for events of type " + row.eventType());
            }
            receiver.deliver(new OutboxMessage(row.id(), row.workspaceId(), row.eventType(), row.payload(), row.attempts()));
            List<String> drop = receiver.dropAfterDelivery();
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update outbox set delivered_at = clock_timestamp(), lease_until = null, last_error = null,
                                payload = payload - cast(:drop as text[]) where id = :id""")
                    .setParameter("drop", drop.toArray(String[]::new)).setParameter("id", row.id()).executeUpdate());
            registry.counter("kogu.outbox.deliveries", "type", row.eventType(), "outcome", "delivered").increment();
            return true;
        } catch (Exception e) {
            Duration own = receiver == null ? null : receiver.retryAfter(row.attempts());
            Duration retry = own != null ? own : retryAfter(row.attempts());
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("Outbox event %s (%s) not delivered (attempt %d), next try in %s: %s", row.id(), row.eventType(),
                    row.attempts(), retry, error);
            registry.counter("kogu.outbox.deliveries", "type", row.eventType(), "outcome", "failed").increment();
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update outbox set lease_until = null, last_error = :error,
                                next_attempt_at = clock_timestamp() + make_interval(secs => :retry),
                                dead_at = case when clock_timestamp() >= coalesce(revived_at, created_at)
                                                    + make_interval(secs => :deadAfter)
                                               then clock_timestamp() end
                            where id = :id""")
                    .setParameter("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                    .setParameter("retry", retry.toMillis() / 1000.0)
                    .setParameter("deadAfter", (double) settings.deadAfter().toSeconds())
                    .setParameter("id", row.id()).executeUpdate());
            return false;
        }
    }

    private Map<String, OutboxReceiver> receivers() {
        if (receivers == null) {
            Map<String, OutboxReceiver> byType = new HashMap<>();
            for (OutboxReceiver receiver : receiverBeans) {
                if (byType.put(receiver.eventType(), receiver) != null) {
                    throw new IllegalStateException("two outbox receivers for " + receiver.eventType());
                }
            }
            receivers = byType;
        }
        return receivers;
    }

    /** first-retry, doubling with every attempt, at most max-retry. */
    public Duration retryAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration retry = settings.firstRetry().multipliedBy(1L << doublings);
        return retry.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : retry;
    }
}
