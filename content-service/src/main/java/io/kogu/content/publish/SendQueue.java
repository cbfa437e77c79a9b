package io.kogu.content.publish;

import io.kogu.content.publish.connector.PublishFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What sending a thing to a network exactly once takes, shared by publications and replies (issue 13): the claim
 * ({@code FOR UPDATE SKIP LOCKED} and a lease, kept alive by the sender's heartbeat), {@code sending_at} written
 * before the network call, the interruption of a dead replica's call (repeated where the network makes a repeat
 * safe, else {@code unconfirmed}), and what a failure leads to (retry with backoff, fail, unconfirmed, the channel
 * asked to wait or to be reconnected). The queues are tables with the same columns ({@code state},
 * {@code next_attempt_at}, {@code round_attempts}, {@code claimed_by}, {@code lease_until}, {@code sending_at},
 * {@code channel_id}, {@code network}, {@code version}, {@code updated_at}); the rules are in docs/content.md
 * ("Publishing"). Every method runs in its caller's transaction.
 */
@ApplicationScoped
public class SendQueue {

    /** The tables sent this way: a fixed list, since the name goes into the SQL. */
    public enum Table {
        PUBLICATION("publication"), REPLY("reply");

        private final String name;

        Table(String name) {
            this.name = name;
        }
    }

    /** One claimed row; {@code takenOver} when a dead replica's claim was taken after its lease ran out. */
    public record Claimed(UUID id, String network, boolean takenOver) {
    }

    /**
     * What a failed attempt leads to: queued again at {@code retryAt}, or ended in {@code state}
     * ({@code failed} or {@code unconfirmed}) with the reason a person reads.
     */
    public record Decision(String state, String reason, Instant retryAt) {
        public boolean retried() {
            return retryAt != null;
        }
    }

    public static final String QUEUED = "queued";
    public static final String FAILED = "failed";
    public static final String UNCONFIRMED = "unconfirmed";

    @Inject
    EntityManager entityManager;

    @Inject
    PublisherSettings settings;

    /**
     * Claims up to {@code limit} rows: those left {@code publishing} by a replica whose lease ran out first (rare),
     * then queued ones whose time has come, of channels neither rate-limited nor waiting to be reconnected, in
     * {@code (next_attempt_at, id)} order (the random ids spread what is due at one instant, see V12).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Claimed> claim(Table table, String token, Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = new ArrayList<>(entityManager.createNativeQuery("""
                        select p.id, p.network, p.state from %s p
                        where p.state = 'publishing' and p.lease_until < :now
                        limit :limit
                        for update of p skip locked""".formatted(table.name))
                .setParameter("now", now).setParameter("limit", limit).getResultList());
        if (rows.size() < limit) {
            @SuppressWarnings("unchecked")
            List<Object[]> due = entityManager.createNativeQuery("""
                            select p.id, p.network, p.state from %s p
                            where p.state = 'queued' and p.next_attempt_at <= :now
                              and not exists (select 1 from channel c where c.id = p.channel_id
                                              and (c.blocked_until > :now or c.status = 'needs_reconnect'))
                            order by p.next_attempt_at, p.id
                            limit :limit
                            for update of p skip locked""".formatted(table.name))
                    .setParameter("now", now).setParameter("limit", limit - rows.size()).getResultList();
            rows.addAll(due);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        entityManager.createNativeQuery("""
                        update %s set state = 'publishing', claimed_by = :token, lease_until = :until,
                            round_attempts = round_attempts + 1, version = version + 1, updated_at = :now
                        where id in (:ids)""".formatted(table.name))
                .setParameter("token", token).setParameter("until", now.plus(settings.lease()))
                .setParameter("now", now).setParameter("ids", ids).executeUpdate();
        return rows.stream().map(r -> new Claimed((UUID) r[0], (String) r[1], "publishing".equals(r[2]))).toList();
    }

    /** Extends the leases of the claims under these tokens (the sender's heartbeat); answers how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int extendLeases(Table table, Collection<String> tokens, Instant now) {
        if (tokens.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                        update %s set lease_until = :until
                        where state = 'publishing' and claimed_by in (:tokens)""".formatted(table.name))
                .setParameter("until", now.plus(settings.lease())).setParameter("tokens", tokens).executeUpdate();
    }

    /**
     * Notes that the network call begins, committed before it: from then on a replica taking the claim over must
     * assume the thing may be out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sending(Table table, UUID id, Instant now) {
        entityManager.createNativeQuery("update %s set sending_at = :now where id = :id".formatted(table.name))
                .setParameter("now", now).setParameter("id", id).executeUpdate();
    }

    /** Why a dead replica's call that had begun is repeated (where safe) or left unconfirmed. */
    public static String interruptedReason(String network, boolean repeatIsSafe) {
        return repeatIsSafe
                ? "The publisher stopped during this attempt; " + network + " makes a repeat safe, so Kogu tries again"
                : "The publisher stopped during this attempt, so it may be out on " + network
                        + ": check the account before retrying";
    }

    /**
     * What a failed attempt leads to, and what it does to the channel: a refused token makes the channel
     * {@code needs_reconnect}; a network's request to wait makes every send of the channel wait
     * ({@code blocked_until}); an unknown outcome is retried only where the network makes a repeat safe.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Decision afterFailure(PublishFailure failure, boolean repeatIsSafe, boolean refreshed, int roundAttempts,
                                 String network, UUID channelId, Instant now) {
        return switch (failure.outcome()) {
            case REJECTED -> new Decision(FAILED, failure.reason(), null);
            case UNAUTHORIZED -> {
                entityManager.createNativeQuery("""
                                update channel set status = 'needs_reconnect', last_error = :error where id = :id""")
                        .setParameter("error", failure.reason() + ": reconnect the channel (set new credentials)")
                        .setParameter("id", channelId).executeUpdate();
                yield new Decision(FAILED, failure.reason()
                        + (refreshed ? " (Kogu renewed the access once; refused again)" : ""), null);
            }
            case NOT_PUBLISHED -> retryOrFail(failure, roundAttempts, channelId, now, failure.reason());
            case UNKNOWN -> repeatIsSafe
                    ? retryOrFail(failure, roundAttempts, channelId, now, failure.reason() + "; " + network
                            + " makes a repeat safe, so Kogu tries again")
                    : new Decision(UNCONFIRMED, failure.reason() + ". It may be out: check the account before retrying", null);
        };
    }

    private Decision retryOrFail(PublishFailure failure, int roundAttempts, UUID channelId, Instant now, String reason) {
        if (roundAttempts >= settings.maxAttempts()) {
            return new Decision(FAILED, reason + " (gave up after " + roundAttempts + " attempts)", null);
        }
        Duration wait = backoff(roundAttempts);
        if (failure.retryAfter() != null) {
            if (failure.retryAfter().compareTo(wait) > 0) {
                wait = failure.retryAfter();
            }
            // The network asked this channel to wait: nothing of it goes before then.
            entityManager.createNativeQuery("""
                            update channel set blocked_until = greatest(coalesce(blocked_until, :until), :until) where id = :id""")
                    .setParameter("until", now.plus(failure.retryAfter())).setParameter("id", channelId)
                    .executeUpdate();
        }
        return new Decision(QUEUED, reason, now.plus(wait));
    }

    /** first-retry, doubling with every attempt of the round, at most max-retry. */
    Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = settings.firstRetry().multipliedBy(1L << doublings);
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }
}
