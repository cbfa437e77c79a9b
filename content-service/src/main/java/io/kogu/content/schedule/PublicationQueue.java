package io.kogu.content.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a publisher takes its work: due slots, claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so that
 * replicas never take the same slot, and a slot whose claimer died (its lease ran out) is taken again. The
 * publishing itself comes with a later issue.
 */
@ApplicationScoped
public class PublicationQueue {

    @Inject
    EntityManager entityManager;

    /** Claims up to {@code limit} slots due at {@code now} for {@code owner} until {@code now + lease}. */
    @Transactional
    public List<PublicationSlot> claimDue(String owner, Instant now, Duration lease, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("""
                select id from publication_slot
                where (state = 'pending' and publish_at <= :now) or (state = 'publishing' and lease_until < :now)
                order by publish_at
                limit :limit
                for update skip locked""", UUID.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        entityManager.createQuery("""
                update PublicationSlot set state = 'publishing', claimedBy = :owner, leaseUntil = :until,
                attempts = attempts + 1 where id in :ids""")
                .setParameter("owner", owner).setParameter("until", now.plus(lease)).setParameter("ids", ids)
                .executeUpdate();
        return PublicationSlot.<PublicationSlot>find("id in ?1 order by publishAt", ids).list();
    }
}
