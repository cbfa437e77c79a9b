package io.kogu.platform.webhooks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.kogu.platform.outbound.OutboundException;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import io.kogu.platform.sql.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sends one webhook delivery (an outbox row of type {@link Webhooks#DELIVERY}, claimed by the platform's
 * {@code OutboxDispatcher}): the stored event body, POSTed through the outbound HTTP guard, signed as Standard
 * Webhooks specifies with the endpoint's secret, and during a rotation's overlap with the previous one too (two
 * space-separated signatures). {@code webhook-id} is the event id, the same on every attempt and replay.
 *
 * <p>A 2xx settles the delivery and ends the endpoint's failure streak. {@code 410 Gone} fails it and disables the
 * endpoint at once. Any other answer or none records the attempt and, while the retry schedule lasts, throws, so
 * that the dispatcher tries again after {@link #retryAfter}; an endpoint failing for
 * {@code kogu.webhooks.disable-after} without a success is disabled. A delivery whose endpoint was deleted or
 * disabled meanwhile is settled without a request.
 */
@ApplicationScoped
public class WebhookSender implements OutboxReceiver {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    /** Thrown to have the dispatcher retry a delivery on the webhook schedule. */
    static final class AttemptFailed extends Exception {
        AttemptFailed(String message) {
            super(message, null, false, false);
        }
    }

    record Target(UUID endpointId, String url, boolean enabled, String status, String body, UUID eventId,
                  byte[] secret, byte[] previousSecret, Instant previousExpiresAt) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    OutboundHttp http;

    @Inject
    WebhookSecrets secrets;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookClock clock;

    @Override
    public String eventType() {
        return Webhooks.DELIVERY;
    }

    /** The wait before the attempt after attempt number {@code attempts}: the configured schedule. */
    @Override
    public Duration retryAfter(int attempts) {
        List<Duration> schedule = settings.retrySchedule();
        return schedule.get(Math.min(Math.max(attempts, 0), schedule.size() - 1));
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        UUID deliveryId = message.id();
        Target target = QuarkusTransaction.requiringNew().call(() -> target(deliveryId));
        if (target == null || !"pending".equals(target.status())) {
            return;
        }
        Instant now = clock.now();
        if (!target.enabled()) {
            settle(deliveryId, "failed", null, "not sent: the endpoint is disabled", now);
            return;
        }
        String id = target.eventId().toString();
        long timestamp = now.getEpochSecond();
        String signature = signature(target, id, timestamp, now);
        Integer status = null;
        String error;
        try {
            OutboundResponse response = http.send(OutboundRequest.post(URI.create(target.url())).json(target.body())
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .responseTimeout(settings.timeout())
                    .maxResponseBytes(16 * 1024));
            status = response.status();
            if (response.isSuccess()) {
                QuarkusTransaction.requiringNew().run(() -> {
                    record(deliveryId, "succeeded", response.status(), null, now, null, now);
                    entityManager.createNativeQuery("update webhook_endpoint set failing_since = null where id = :id")
                            .setParameter("id", target.endpointId()).executeUpdate();
                });
                return;
            }
            if (response.status() == 410) {
                QuarkusTransaction.requiringNew().run(() -> {
                    record(deliveryId, "failed", 410, "the endpoint answered 410 Gone: it is disabled", now, null, null);
                    disable(target.endpointId(), "gone", now);
                });
                LOG.infof("Webhook endpoint %s answered 410 Gone and is disabled", target.endpointId());
                return;
            }
            error = "the endpoint answered " + response.status();
        } catch (OutboundException e) {
            error = "no answer: " + e.getMessage();
        } catch (IllegalArgumentException e) {
            error = "not sent: the endpoint's url is not valid";
        }
        failed(message, target, status, error.length() > 500 ? error.substring(0, 500) : error, now);
    }

    private void failed(OutboxMessage message, Target target, Integer status, String error, Instant now) throws AttemptFailed {
        boolean retry = QuarkusTransaction.requiringNew().call(() -> {
            Object since = entityManager.createNativeQuery("""
                            update webhook_endpoint set failing_since = coalesce(failing_since, :now) where id = :id
                            returning failing_since""")
                    .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("id", target.endpointId())
                    .getSingleResult();
            Instant failingSince = Sql.toInstant(since);
            if (!failingSince.plus(settings.disableAfter()).isAfter(now)) {
                record(message.id(), "failed", status, error + "; every attempt failed since " + failingSince
                        + ": the endpoint is disabled", now, null, null);
                disable(target.endpointId(), "failing", now);
                LOG.infof("Webhook endpoint %s failed since %s and is disabled", target.endpointId(), failingSince);
                return false;
            }
            if (message.attempts() >= settings.retrySchedule().size()) {
                record(message.id(), "failed", status, error + "; no attempt left", now, null, null);
                return false;
            }
            record(message.id(), "pending", status, error, now, now.plus(retryAfter(message.attempts())), null);
            return true;
        });
        if (retry) {
            throw new AttemptFailed("webhook delivery attempt " + message.attempts() + ": " + error);
        }
    }

    private String signature(Target target, String id, long timestamp, Instant now) throws WebhookSigningException {
        List<String> signatures = new ArrayList<>(2);
        String endpoint = target.endpointId().toString();
        signatures.add(new Webhook(secrets.open(target.secret(), endpoint)).sign(id, timestamp, target.body()));
        if (target.previousSecret() != null && target.previousExpiresAt() != null && target.previousExpiresAt().isAfter(now)) {
            signatures.add(new Webhook(secrets.open(target.previousSecret(), endpoint)).sign(id, timestamp, target.body()));
        }
        return String.join(" ", signatures);
    }

    private Target target(UUID deliveryId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select e.id, e.url, e.enabled, d.status, d.payload::text, d.event_id, e.secret_sealed,
                               e.previous_secret_sealed, e.previous_secret_expires_at
                        from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id where d.id = :id""")
                .setParameter("id", deliveryId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Target((UUID) row[0], (String) row[1], (Boolean) row[2], (String) row[3], (String) row[4],
                (UUID) row[5], (byte[]) row[6], (byte[]) row[7], row[8] == null ? null : Sql.toInstant(row[8]));
    }

    private void settle(UUID deliveryId, String status, Integer responseStatus, String error, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> record(deliveryId, status, responseStatus, error, null, null, null));
    }

    private void record(UUID deliveryId, String status, Integer responseStatus, String error, Instant attemptAt,
                        Instant nextAttemptAt, Instant succeededAt) {
        var query = entityManager.createNativeQuery("""
                update webhook_delivery set status = :status, attempts = attempts + :attempted, response_status = :response,
                    last_error = :error, last_attempt_at = coalesce(:attemptAt, last_attempt_at),
                    next_attempt_at = :nextAt, succeeded_at = :succeededAt
                where id = :id""")
                .setParameter("status", status).setParameter("attempted", attemptAt == null ? 0 : 1)
                .setParameter("id", deliveryId);
        Params.typed(query, "response", responseStatus, Integer.class);
        Params.typed(query, "error", error, String.class);
        Params.typed(query, "attemptAt", attemptAt == null ? null : attemptAt.atOffset(ZoneOffset.UTC), java.time.OffsetDateTime.class);
        Params.typed(query, "nextAt", nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC), java.time.OffsetDateTime.class);
        Params.typed(query, "succeededAt", succeededAt == null ? null : succeededAt.atOffset(ZoneOffset.UTC), java.time.OffsetDateTime.class);
        query.executeUpdate();
    }

    private void disable(UUID endpointId, String reason, Instant now) {
        entityManager.createNativeQuery("""
                        update webhook_endpoint set enabled = false, disabled_reason = :reason, updated_at = :now,
                            version = version + 1 where id = :id and enabled""")
                .setParameter("reason", reason).setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("id", endpointId).executeUpdate();
    }
}
