package io.kogu.metrics.privacy;

import io.kogu.metrics.api.model.ActorHandle;
import io.kogu.metrics.event.EventIngestion;
import io.kogu.metrics.event.RollupBacklog;
import io.kogu.platform.text.Handles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Forgets a member that audience-service erased: the member id and handles are removed from the stored events
 * (the events stay, without actor, so totals do not change) and the member's per-actor rollups are deleted.
 * Deltas still queued in the rollup backlog lose the member id too. Handles match case-insensitively, as in
 * audience-service ({@link Handles}). The member id (in {@code member_erasure}) and a SHA-256 key of each handle
 * (in {@code erased_handle}) are kept, so that events arriving later are stored without this actor. Idempotent by the erasure's event id: a
 * delivery seen before changes nothing and answers the same.
 */
@ApplicationScoped
public class MemberErasures {

    @Inject
    EntityManager entityManager;

    /** The events anonymized by this erasure (0 when it was received before). */
    @Transactional
    public long erase(String workspaceId, UUID eventId, UUID memberId, List<ActorHandle> handles) {
        int claimed = entityManager.createNativeQuery("""
                insert into member_erasure (workspace_id, event_id, member_id, events_anonymized)
                values (?1, ?2, ?3, 0) on conflict do nothing""")
                .setParameter(1, workspaceId).setParameter(2, eventId).setParameter(3, memberId).executeUpdate();
        if (claimed == 0) {
            return 0;
        }
        // Waits for the workspace's event batches in flight (each holds this lock shared) and keeps new ones out
        // until this commits, so that the statements below see every event and queued delta of the member.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(" + EventIngestion.erasureLock("?1") + ")")
                .setParameter(1, workspaceId).getSingleResult();
        // Waits for a backlog apply in flight (and keeps the next one out until this commits), so that rollup
        // deltas it took before this erasure cannot bring the member's per-actor rollups back after it.
        entityManager.createNativeQuery("select pg_advisory_xact_lock(" + RollupBacklog.LOCK_KEY + ")")
                .getSingleResult();
        entityManager.createNativeQuery("""
                update rollup_backlog set actor_member_ids = array_replace(actor_member_ids, cast(?2 as uuid), null)
                where workspace_id = ?1 and cast(?2 as uuid) = any(actor_member_ids)""")
                .setParameter(1, workspaceId).setParameter(2, memberId).executeUpdate();
        long anonymized = entityManager.createNativeQuery("""
                update engagement_event set actor_member_id = null, actor_handle = null, actor_network = null
                where workspace_id = ?1 and actor_member_id = ?2""")
                .setParameter(1, workspaceId).setParameter(2, memberId).executeUpdate();
        for (ActorHandle handle : handles) {
            // Handles compare as audience-service compares them (Handles: "@Ann" is "ann"); events are stored with
            // the normalised handle, those stored before that with the handle as sent ('@' || the normalised form).
            String network = handle.getNetwork().toString();
            String normalised = Handles.normalize(network, handle.getHandle());
            anonymized += entityManager.createNativeQuery("""
                    update engagement_event set actor_member_id = null, actor_handle = null, actor_network = null
                    where workspace_id = ?1 and actor_network = ?2
                      and lower(actor_handle) in (?3, '@' || ?3, lower(?4))""")
                    .setParameter(1, workspaceId).setParameter(2, network)
                    .setParameter(3, normalised).setParameter(4, handle.getHandle()).executeUpdate();
            // Kept so that events arriving later are stored without this actor (see EventIngestion).
            entityManager.createNativeQuery("""
                    insert into erased_handle (workspace_id, network, handle_key) values (?1, ?2, ?3)
                    on conflict do nothing""")
                    .setParameter(1, workspaceId).setParameter(2, handle.getNetwork().toString())
                    .setParameter(3, Handles.key(network, handle.getHandle())).executeUpdate();
        }
        entityManager.createNativeQuery("delete from rollup_actor where workspace_id = ?1 and actor_member_id = ?2")
                .setParameter(1, workspaceId).setParameter(2, memberId).executeUpdate();
        entityManager.createNativeQuery("""
                update member_erasure set events_anonymized = ?3 where workspace_id = ?1 and event_id = ?2""")
                .setParameter(1, workspaceId).setParameter(2, eventId).setParameter(3, anonymized).executeUpdate();
        return anonymized;
    }
}
