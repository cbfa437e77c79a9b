package io.kogu.content.collect;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * What a reading's failure does to its channel, the same for engagement and conversation readings: a token refused
 * after one renewal makes the channel {@code needs_reconnect}; a network's 429 makes its collection wait
 * ({@code collection_blocked_until}; publishing has its own {@code blocked_until}). In the caller's transaction.
 */
@ApplicationScoped
public class CollectionChannels {

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.MANDATORY)
    public void refused(UUID channelId, String reason) {
        entityManager.createNativeQuery("""
                        update channel set status = 'needs_reconnect', last_error = :error where id = :id""")
                .setParameter("error", reason + ": reconnect the channel (set new credentials)")
                .setParameter("id", channelId).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void waitUntil(UUID channelId, Instant until) {
        entityManager.createNativeQuery("""
                        update channel set collection_blocked_until = greatest(coalesce(collection_blocked_until, :until), :until)
                        where id = :id""")
                .setParameter("until", until).setParameter("id", channelId).executeUpdate();
    }
}
