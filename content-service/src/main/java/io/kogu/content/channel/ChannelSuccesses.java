package io.kogu.content.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a channel's {@code lastSuccessAt} (its health on {@code GET /v1/channels}) after a successful call to its
 * network. In a transaction of its own and at most once per {@link #EVERY} per channel and replica: written in the
 * publisher's record transaction, the channel row's lock made every post of a busy channel wait for the others
 * (bench/publishing).
 */
@ApplicationScoped
public class ChannelSuccesses {

    static final Duration EVERY = Duration.ofSeconds(5);

    @Inject
    EntityManager entityManager;

    private final Map<UUID, Instant> written = new ConcurrentHashMap<>();

    /** A call to the channel's network succeeded at {@code at}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(UUID channelId, Instant at) {
        Instant last = written.get(channelId);
        if (last != null && Duration.between(last, at).compareTo(EVERY) < 0) {
            return;
        }
        written.put(channelId, at);
        entityManager.createNativeQuery("""
                        update channel set last_success_at = :at
                        where id = :id and (last_success_at is null or last_success_at < :at)""")
                .setParameter("at", at).setParameter("id", channelId).executeUpdate();
    }
}
