package io.kogu.audience.reply;

import io.kogu.audience.api.model.ConversationReplyInput;
import io.kogu.audience.api.model.ReplyOutcome;
import io.kogu.audience.client.content.ApiException;
import io.kogu.audience.client.content.model.Reply;
import io.kogu.audience.client.content.model.ReplyInput;
import io.kogu.audience.client.content.model.ReplyTarget;
import io.kogu.audience.conversation.Conversation;
import io.kogu.audience.conversation.ConversationEdits;
import io.kogu.audience.conversation.ConversationIntake;
import io.kogu.audience.conversation.ConversationItem;
import io.kogu.audience.conversation.ConversationService;
import io.kogu.audience.member.Member;
import io.kogu.audience.outbox.InboxActivityDelivery;
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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Replies from the inbox: the text (or a saved reply filled in) goes to content-service, which posts it on the
 * network; the reply is kept here with its state, and its outcome (POST /v1/reply-outcomes) marks the conversation
 * answered. The call to content-service happens outside any transaction: read, call, then write.
 */
@ApplicationScoped
public class ReplyService {

    @Inject
    ConversationService conversations;

    @Inject
    ConversationEdits edits;

    @Inject
    ConversationIntake intake;

    @Inject
    SavedReplyService savedReplies;

    @Inject
    ContentReplies content;

    @Inject
    InboxActivityDelivery activity;

    @Inject
    Clock clock;

    /**
     * Sends a reply. With an Idempotency-Key the reply's id is derived from it, so a retry reaches content-service
     * with the same id (idempotent there) and finds the reply kept here; the same key with another body is a 422.
     */
    public ConversationReply reply(String workspaceId, UUID conversationId, ConversationReplyInput input,
                                   String idempotencyKey, String actor) {
        Conversation conversation = conversations.get(workspaceId, conversationId);
        ConversationItem item = input.getItemId() != null
                ? conversations.item(workspaceId, conversationId, input.getItemId())
                : latestFromFan(conversation);
        String text = text(workspaceId, conversation, item, input);
        UUID id = idempotencyKey == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("reply " + workspaceId + " " + conversationId + " " + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8));
        ConversationReply earlier = ConversationReply.findById(id);
        if (earlier != null) {
            if (!earlier.text.equals(text) || !earlier.itemId.equals(item.id)) {
                throw ProblemException.unprocessable("This Idempotency-Key was used for another reply", List.of());
            }
            return earlier;
        }
        Reply sent;
        try {
            sent = content.reply(new ReplyInput().id(id).channelId(conversation.channelId).conversationId(conversation.id)
                    .text(text).inReplyTo(new ReplyTarget().externalId(item.externalId)
                            .rootExternalId(item.rootExternalId).url(item.url)));
        } catch (ApiException e) {
            throw ContentReplies.refused(e, "the reply");
        }
        return record(workspaceId, conversation.id, item.id, id, text, sent, actor);
    }

    @Transactional
    ConversationReply record(String workspaceId, UUID conversationId, UUID itemId, UUID id, String text, Reply sent,
                             String actor) {
        ConversationReply existing = ConversationReply.findById(id);
        if (existing != null) {
            return existing;
        }
        Conversation conversation = Conversation.<Conversation>find("id = ?1 and workspaceId = ?2", conversationId,
                workspaceId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        ConversationReply reply = new ConversationReply();
        reply.id = id;
        reply.workspaceId = workspaceId;
        reply.conversationId = conversationId;
        reply.itemId = itemId;
        reply.text = text;
        reply.state = sent.getState().toString();
        reply.externalId = sent.getExternalId();
        reply.url = sent.getUrl();
        reply.error = sent.getError();
        reply.createdBy = actor;
        reply.createdAt = now();
        reply.publishedAt = sent.getPublishedAt() == null ? null : sent.getPublishedAt().toInstant();
        reply.persist();
        edits.note(conversation, "reply", actor, reply.state, itemId);
        if (ConversationReply.PUBLISHED.equals(reply.state)) {
            answered(conversation, reply, "content-service");
        }
        return reply;
    }

    /** What became of a reply, from content-service's outbox: idempotent, and `published` answers the conversation. */
    @Transactional
    public void outcome(String workspaceId, ReplyOutcome outcome) {
        ConversationReply reply = ConversationReply.<ConversationReply>find("id = ?1 and workspaceId = ?2",
                        outcome.getReplyId(), workspaceId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("reply", outcome.getReplyId()));
        if (outcome.getConversationId() != null && !outcome.getConversationId().equals(reply.conversationId)) {
            throw ProblemException.invalid("conversationId", "is not the conversation of this reply");
        }
        String state = outcome.getState().toString();
        boolean wasPublished = ConversationReply.PUBLISHED.equals(reply.state);
        if (state.equals(reply.state) && Objects.equals(outcome.getExternalId(), reply.externalId)) {
            return;
        }
        if (wasPublished && !ConversationReply.PUBLISHED.equals(state)) {
            throw new ProblemException(ProblemType.CONFLICT, "The reply was published already");
        }
        reply.state = state;
        reply.externalId = outcome.getExternalId();
        reply.url = outcome.getUrl();
        reply.error = outcome.getError();
        reply.publishedAt = outcome.getPublishedAt() == null ? null
                : outcome.getPublishedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        Conversation conversation = Conversation.<Conversation>find("id = ?1", reply.conversationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        edits.note(conversation, "reply", "content-service", state, reply.itemId);
        if (!wasPublished && ConversationReply.PUBLISHED.equals(state)) {
            answered(conversation, reply, "content-service");
        }
    }

    private void answered(Conversation conversation, ConversationReply reply, String actor) {
        List<Map<String, Object>> answers = new ArrayList<>();
        intake.answered(conversation, reply.publishedAt != null ? reply.publishedAt : now(), actor, answers);
        activity.write(conversation.workspaceId, List.of(), answers);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ConversationReply> list(String workspaceId, UUID conversationId, Keyset keyset) {
        conversations.get(workspaceId, conversationId);
        return keyset.find("conversationId = :conversation", Parameters.with("conversation", conversationId), "",
                (q, p) -> ConversationReply.<ConversationReply>find(q, p), r -> new PageCursor(r.createdAt, r.id));
    }

    private String text(String workspaceId, Conversation conversation, ConversationItem item,
                        ConversationReplyInput input) {
        if ((input.getText() == null) == (input.getSavedReplyId() == null)) {
            throw ProblemException.invalid("text", "send either text or savedReplyId, one of the two");
        }
        if (input.getText() != null) {
            return input.getText();
        }
        SavedReply saved = savedReplies.get(workspaceId, input.getSavedReplyId());
        Member member = item.memberId == null ? null
                : Member.<Member>find("id = ?1 and workspaceId = ?2", item.memberId, workspaceId).firstResult();
        String name = member != null ? member.displayName
                : item.authorName != null && !item.authorName.isBlank() ? item.authorName : item.authorHandle;
        Map<String, String> values = new HashMap<>();
        values.put("name", name);
        values.put("firstName", name.strip().split("\\s+")[0]);
        values.put("handle", item.authorHandle);
        values.put("network", conversation.network);
        values.put("assignee", conversation.assignee);
        String text = ReplyTemplate.fill(saved.text, values).strip();
        if (text.isEmpty()) {
            throw ProblemException.unprocessable("The saved reply filled in is empty", List.of());
        }
        return text;
    }

    private static ConversationItem latestFromFan(Conversation conversation) {
        return ConversationItem.<ConversationItem>find(
                        "conversationId = ?1 and fromUs = false order by occurredAt desc, id desc", conversation.id)
                .firstResultOptional()
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "Nothing from a fan to reply to here"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
