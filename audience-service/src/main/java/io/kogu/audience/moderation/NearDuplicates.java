package io.kogu.audience.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The same text posted again and again in a workspace: the fingerprints of recent items (V16
 * moderation_fingerprint), compared with a new item's in SQL. The window is bounded twice: items of the last
 * {@code duplicate-window} before the new item, and of those only the {@code duplicate-compare-last} most recent,
 * so that a flood cannot make the comparison slow. Rows older than the window are removed as new ones come.
 */
@ApplicationScoped
public class NearDuplicates {

    /** Old rows removed per new item: a bounded, steady clean-up instead of a sweep. */
    private static final int PRUNE_BATCH = 50;

    @Inject
    EntityManager entityManager;

    @Inject
    ModerationSettings settings;

    /** Records the item's fingerprint and answers how many earlier items in the window are near-identical. */
    @Transactional
    public int recordAndCountEarlierCopies(String workspaceId, long fingerprint, Instant occurredAt) {
        OffsetDateTime at = occurredAt.atOffset(ZoneOffset.UTC);
        OffsetDateTime from = occurredAt.minus(settings.duplicateWindow()).atOffset(ZoneOffset.UTC);
        Number copies = (Number) entityManager.createNativeQuery("""
                        select count(*) from (
                            select fingerprint from moderation_fingerprint
                            where workspace_id = ?1 and seen_at > ?2 and seen_at <= ?3
                            order by seen_at desc limit ?4) recent
                        where bit_count((fingerprint # ?5)::bit(64)) <= ?6""")
                .setParameter(1, workspaceId).setParameter(2, from).setParameter(3, at)
                .setParameter(4, settings.duplicateCompareLast()).setParameter(5, fingerprint)
                .setParameter(6, settings.duplicateDistance())
                .getSingleResult();
        entityManager.createNativeQuery(
                        "insert into moderation_fingerprint (workspace_id, fingerprint, seen_at) values (?1, ?2, ?3)")
                .setParameter(1, workspaceId).setParameter(2, fingerprint).setParameter(3, at).executeUpdate();
        entityManager.createNativeQuery("""
                        delete from moderation_fingerprint where ctid in (
                            select ctid from moderation_fingerprint where workspace_id = ?1 and seen_at <= ?2
                            limit ?3)""")
                .setParameter(1, workspaceId).setParameter(2, from).setParameter(3, PRUNE_BATCH).executeUpdate();
        return copies.intValue();
    }
}
