package io.kogu.platform.outbox;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What an admin sees of a workspace's dead letters, and the retry that puts one back in the queue. */
@ApplicationScoped
public class OutboxAdmin {

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<OutboxDeadLetter> deadLetters(String workspaceId, PageCursor after, int limit) {
        Query query = entityManager.createNativeQuery("""
                        select id, event_type, created_at, attempts, last_error, dead_at from outbox
                        where workspace_id = :workspace and dead_at is not null"""
                        + (after == null ? "" : " and (dead_at < :deadAt or (dead_at = :deadAt and id < :id))")
                        + " order by dead_at desc, id desc limit :limit")
                .setParameter("workspace", workspaceId).setParameter("limit", limit + 1);
        if (after != null) {
            query.setParameter("deadAt", after.createdAt()).setParameter("id", after.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<OutboxDeadLetter> letters = rows.stream().map(row -> new OutboxDeadLetter((UUID) row[0], (String) row[1],
                instant(row[2]), ((Number) row[3]).intValue(), (String) row[4], instant(row[5]))).toList();
        return Page.of(letters, limit, letter -> new PageCursor(letter.deadAt(), letter.id()));
    }

    /** Due again now, with a fresh dead-letter time; 404 unless it is a dead letter of the workspace. */
    @Transactional
    public void retry(String workspaceId, UUID eventId) {
        int updated = entityManager.createNativeQuery("""
                        update outbox set dead_at = null, revived_at = clock_timestamp(), next_attempt_at = clock_timestamp(),
                            lease_until = null where id = :id and workspace_id = :workspace and dead_at is not null""")
                .setParameter("id", eventId).setParameter("workspace", workspaceId).executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("dead letter", eventId);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
