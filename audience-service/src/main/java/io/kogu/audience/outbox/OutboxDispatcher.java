package io.kogu.audience.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Delivers outbox rows. Any number of replicas share the work: a replica claims a few due rows with
 * {@code FOR UPDATE SKIP LOCKED}, leases them (a dead replica's lease runs out and another replica takes the
 * row over), and delivers them outside the claim's transaction. A failed delivery is retried with exponential
 * backoff; receivers deduplicate by event id, so a delivery repeated after a lost answer is harmless.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    private static final int CLAIM = 20;

    record Claimed(UUID id, String workspaceId, String eventType, JsonNode payload, int attempts) {
    }

    @ConfigProperty(name = "kogu.outbox.lease")
    Duration lease;

    @ConfigProperty(name = "kogu.outbox.first-retry")
    Duration firstRetry;

    @ConfigProperty(name = "kogu.outbox.max-retry")
    Duration maxRetry;

    @Inject
    EntityManager entityManager;

    @Inject
    MetricsErasures erasures;

    @Inject
    ObjectMapper json;

    @Scheduled(every = "{kogu.outbox.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        dispatchDue();
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
        } while (claimed.size() == CLAIM);
        return delivered;
    }

    private List<Claimed> claim() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        update outbox set lease_until = now() + make_interval(secs => :lease), attempts = attempts + 1
                        where id in (select id from outbox
                                     where delivered_at is null and next_attempt_at <= now()
                                       and (lease_until is null or lease_until < now())
                                     order by next_attempt_at limit :claim for update skip locked)
                        returning id, workspace_id, event_type, payload::text, attempts""")
                .setParameter("lease", (double) lease.toSeconds()).setParameter("claim", CLAIM).getResultList();
        return rows.stream().map(row -> {
            try {
                return new Claimed((UUID) row[0], (String) row[1], (String) row[2], json.readTree((String) row[3]),
                        ((Number) row[4]).intValue());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("An outbox payload is not JSON", e);
            }
        }).toList();
    }

    private boolean deliver(Claimed row) {
        try {
            if (!OutboxEvent.MEMBER_ERASED.equals(row.eventType())) {
                throw new IllegalStateException("no receiver for events of type " + row.eventType());
            }
            erasures.deliver(row.workspaceId(), row.payload());
            // Once delivered, the handles (personal data) have no reason to stay.
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update outbox set delivered_at = now(), lease_until = null, last_error = null,
                                payload = payload - 'handles' where id = :id""")
                    .setParameter("id", row.id()).executeUpdate());
            return true;
        } catch (Exception e) {
            Duration retry = retryAfter(row.attempts());
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("Outbox event %s not delivered (attempt %d), next try in %s: %s", row.id(), row.attempts(), retry, error);
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update outbox set lease_until = null, last_error = :error,
                                next_attempt_at = now() + make_interval(secs => :retry) where id = :id""")
                    .setParameter("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                    .setParameter("retry", (double) retry.toSeconds()).setParameter("id", row.id()).executeUpdate());
            return false;
        }
    }

    /** first-retry, doubling with every attempt, at most max-retry. */
    Duration retryAfter(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration retry = firstRetry.multipliedBy(1L << doublings);
        return retry.compareTo(maxRetry) > 0 ? maxRetry : retry;
    }
}
