package io.kogu.audience.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.audience.conversation.ConversationErasure;
import io.kogu.audience.member.Member;
import io.kogu.audience.member.MemberService;
import io.kogu.audience.outbox.MetricsErasures;
import io.kogu.platform.outbox.Outbox;
import io.kogu.audience.segment.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Erasure of members and export of one member's data. */
@ApplicationScoped
public class PrivacyService {

    /** A member's data for an access request: the member and the static segments it was added to. */
    public record MemberData(Member member, List<Segment> staticSegments) {
    }

    @Inject
    MemberService members;

    @Inject
    ConversationErasure conversations;

    @Inject
    Outbox outbox;

    @Inject
    io.kogu.platform.webhooks.Webhooks webhooks;

    /**
     * Erases a member: the row and everything hanging on it are deleted (handles, static segment memberships,
     * replayable create answers), the erasure is recorded, and the event for other services is written to the
     * outbox, all in one transaction. A second erasure answers the first record.
     */
    @Transactional
    public MemberErasure erase(String workspaceId, UUID memberId, String erasedBy) {
        MemberErasure earlier = MemberErasure.<MemberErasure>find("memberId = ?1 and workspaceId = ?2", memberId, workspaceId)
                .firstResult();
        if (earlier != null) {
            return earlier;
        }
        Member member = members.get(workspaceId, memberId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        MemberErasure erasure = new MemberErasure();
        erasure.memberId = memberId;
        erasure.workspaceId = workspaceId;
        erasure.eventId = UUID.randomUUID();
        erasure.erasedAt = now;
        erasure.erasedBy = erasedBy == null ? "unknown" : erasedBy;

        var payload = erasurePayload(erasure, member);

        // The create answers kept for Idempotency-Key replays hold the member as it was.
        Member.getEntityManager().createNativeQuery("""
                        delete from idempotency_key where workspace_id = :workspace and operation = 'createMember'
                        and response_body like :id""")
                .setParameter("workspace", workspaceId).setParameter("id", "%\"id\":\"" + memberId + "\"%")
                .executeUpdate();
        // Its handles are remembered as keys only: resolve-handles must not create the person again.
        for (var handle : member.handles) {
            Member.getEntityManager().createNativeQuery("""
                            insert into erased_member_handle (workspace_id, network, handle_key, erased_at)
                            values (?1, ?2, ?3, ?4) on conflict do nothing""")
                    .setParameter(1, workspaceId).setParameter(2, handle.network)
                    .setParameter(3, io.kogu.platform.text.Handles.key(handle.network, handle.handle))
                    .setParameter(4, now).executeUpdate();
        }
        conversations.forget(workspaceId, memberId);
        member.delete();
        erasure.persist();
        outbox.write(erasure.eventId, workspaceId, MetricsErasures.MEMBER_ERASED, payload);
        webhooks.emit(workspaceId, io.kogu.platform.webhooks.WebhookEvents.MEMBER_ERASED, java.util.Map.of("memberId", memberId));
        return erasure;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MemberData export(String workspaceId, UUID memberId) {
        Member member = members.get(workspaceId, memberId);
        List<Segment> staticSegments = Segment.<Segment>find(
                "from Segment s where s.workspaceId = ?1 and s.kind = 'static' and exists (select 1 from SegmentMembership sm"
                        + " where sm.segmentId = s.id and sm.memberId = ?2) order by s.createdAt desc", workspaceId, memberId)
                .list();
        return new MemberData(member, staticSegments);
    }

    /** The MemberErasure event of metrics-service's contract; handles let it forget events that name them. */
    private static ObjectNode erasurePayload(MemberErasure erasure, Member member) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("eventId", erasure.eventId.toString());
        payload.put("memberId", erasure.memberId.toString());
        ArrayNode handles = payload.putArray("handles");
        member.handles.forEach(handle -> handles.addObject().put("network", handle.network).put("handle", handle.handle));
        payload.put("erasedAt", erasure.erasedAt.toString());
        return payload;
    }

}
