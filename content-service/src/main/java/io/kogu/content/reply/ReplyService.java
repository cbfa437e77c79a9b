package io.kogu.content.reply;

import io.kogu.content.approval.ApprovalPolicyService;
import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.publish.connector.Replying;
import io.kogu.content.time.Clocks;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Replies as the API sees them: created (idempotent on the caller's id), read, listed, approved. */
@ApplicationScoped
public class ReplyService {

    /** What a caller asks to post. */
    public record NewReply(UUID id, UUID channelId, String inReplyTo, String rootExternalId, String url, String text,
                           UUID conversationId) {
    }

    @Inject
    ChannelService channels;

    @Inject
    Connectors connectors;

    @Inject
    ApprovalPolicyService policies;

    @Inject
    Clock clock;

    /**
     * Accepts a reply: queued now, or waiting for an approver when the workspace's policy says replies need
     * approval. The same id again answers the reply as it is when the request is the same, and is a 409 otherwise.
     */
    @Transactional
    public Reply create(String workspaceId, String actor, NewReply input) {
        Reply existing = Reply.findById(input.id());
        if (existing != null) {
            if (existing.workspaceId.equals(workspaceId) && existing.sameAs(input.channelId(), input.inReplyTo(),
                    input.rootExternalId(), input.text(), input.conversationId())) {
                return existing;
            }
            throw new ProblemException(ProblemType.CONFLICT,
                    "a reply with this id exists with other content: choose a new id for another reply");
        }
        Channel channel = channels.get(workspaceId, input.channelId());
        if (!(connectors.forNetwork(channel.network).orElse(null) instanceof Replying)) {
            throw new ProblemException(ProblemType.CONFLICT, "Kogu cannot post replies on " + channel.network + " yet");
        }
        Instant now = Clocks.now(clock);
        Reply reply = new Reply();
        reply.id = input.id();
        reply.workspaceId = workspaceId;
        reply.channelId = channel.id;
        reply.network = channel.network;
        reply.conversationId = input.conversationId();
        reply.inReplyTo = input.inReplyTo();
        reply.inReplyToRoot = input.rootExternalId();
        reply.inReplyToUrl = input.url();
        reply.text = input.text();
        reply.state = policies.get(workspaceId).repliesNeedApproval ? Reply.AWAITING_APPROVAL : Reply.QUEUED;
        reply.nextAttemptAt = now;
        reply.createdBy = actor;
        reply.version = 1;
        reply.createdAt = now;
        reply.updatedAt = now;
        reply.persist();
        return reply;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Reply get(String workspaceId, UUID id) {
        return Reply.<Reply>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("reply", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Reply> list(String workspaceId, UUID conversationId, Keyset keyset) {
        return keyset.find("workspaceId = :workspace and conversationId = :conversation",
                Parameters.with("workspace", workspaceId).and("conversation", conversationId), "",
                (query, values) -> Reply.<Reply>find(query, values), r -> new PageCursor(r.createdAt, r.id));
    }

    /**
     * An approver lets a waiting reply go: it is queued, due now. Approving a reply that was approved already
     * answers it as it is; one that never waited for approval is a 409.
     */
    @Transactional
    public Reply approve(String workspaceId, UUID id, String approver) {
        Reply reply = Reply.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (reply == null || !reply.workspaceId.equals(workspaceId)) {
            throw ProblemException.notFound("reply", id);
        }
        if (!Reply.AWAITING_APPROVAL.equals(reply.state)) {
            if (reply.approvedBy != null) {
                return reply;
            }
            throw new ProblemException(ProblemType.CONFLICT, "this reply does not wait for approval (it is "
                    + reply.visibleState() + ")");
        }
        Instant now = Clocks.now(clock);
        reply.state = Reply.QUEUED;
        reply.approvedBy = approver;
        reply.nextAttemptAt = now;
        reply.version++;
        reply.updatedAt = now;
        return reply;
    }
}
